package dev.botwebhooks.script;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A transpilation past {@code webhooks.script.transpile-timeout} refuses the code instead of holding the save. */
class ModernSyntaxTimeoutTest {

    @Test
    void aTranspilationPastItsTimeoutRefusesTheCode() {
        ModernSyntax patient = new ModernSyntax(Duration.ofMinutes(5));
        ModernSyntax hasty = new ModernSyntax(Duration.ofNanos(1));

        assertThat(patient.check("class A {}")).isInstanceOf(ModernSyntax.Checked.Transpiled.class);
        assertThat(hasty.check("class A {}")).isEqualTo(
                new ModernSyntax.Checked.Invalid("SyntaxError: the code could not be transpiled within 0 s"));
        assertThat(hasty.check("var a = 1")).isEqualTo(new ModernSyntax.Checked.AsWritten());
        // The timeout left Babel usable for the next save.
        assertThat(patient.check("class B { static x = 1 }")).isInstanceOf(ModernSyntax.Checked.Transpiled.class);
    }
}
