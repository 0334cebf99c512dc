package dev.botwebhooks.config;

import dev.botwebhooks.script.ScriptEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ScriptEngine scriptEngine(WebhooksProperties properties) {
        return new ScriptEngine(properties.script().toLimits());
    }
}
