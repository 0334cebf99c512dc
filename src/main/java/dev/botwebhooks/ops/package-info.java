/** Operations: metrics the dashboards chart (rejections by reason, ...). */
package dev.botwebhooks.ops;
