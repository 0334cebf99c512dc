/** Small syntax rules of HTTP shared by features (header names). Infrastructure. */
package dev.botwebhooks.token;
