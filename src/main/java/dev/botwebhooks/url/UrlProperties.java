package dev.botwebhooks.url;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/** @param publicBaseUrl where callers reach this service; generated webhook URLs start with it */
@ConfigurationProperties("webhooks")
public record UrlProperties(@DefaultValue("http://localhost:8080") URI publicBaseUrl) {

    /** The base without a trailing slash, ready to have a path appended. */
    public String base() {
        String url = publicBaseUrl.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
