/** HMAC primitives shared by URL signing, provider signatures and the scripts' verifyHmac. Infrastructure. */
package dev.botwebhooks.crypto;
