package dev.botwebhooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class BotWebhooksApplication {

    public static void main(String[] args) {
        SpringApplication.run(BotWebhooksApplication.class, args);
    }
}
