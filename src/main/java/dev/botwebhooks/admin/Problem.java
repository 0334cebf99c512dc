package dev.botwebhooks.admin;

/** RFC 9457 problem details, as the admin API writes them. */
record Problem(String type, String title, int status, String detail, String instance) {
}
