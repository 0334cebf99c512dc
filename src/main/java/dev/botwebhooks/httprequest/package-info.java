/** HTTP requests scripts asked for, stored with their run's commit until the outbound worker sends them. */
package dev.botwebhooks.httprequest;
