/** Webhook URLs: the signed URL format (parameters, length-prefixed signing input, HMAC), made for admin and scripts, verified by the endpoint. Data layer. */
package dev.botwebhooks.url;
