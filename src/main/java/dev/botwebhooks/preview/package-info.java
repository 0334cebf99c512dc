/**
 * Link previews: chat apps fetch a pasted URL to show its preview, and a GET to a webhook URL would
 * run its command before anyone clicked. Known preview fetchers and HEAD requests are answered with a
 * small page instead.
 */
package dev.botwebhooks.preview;
