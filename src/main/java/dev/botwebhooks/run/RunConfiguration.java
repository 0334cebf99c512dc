package dev.botwebhooks.run;

import dev.botwebhooks.script.ModernSyntax;
import dev.botwebhooks.script.ScriptEngine;
import dev.botwebhooks.script.ScriptProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application layer builds the engine it drives; the engine itself knows no Spring. */
@Configuration(proxyBeanMethods = false)
class RunConfiguration {

    @Bean
    ScriptEngine scriptEngine(ScriptProperties properties) {
        return new ScriptEngine(properties.toLimits());
    }

    @Bean
    ModernSyntax modernSyntax(ScriptProperties properties) {
        return new ModernSyntax(properties.transpileTimeout());
    }
}
