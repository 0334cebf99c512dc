package dev.botwebhooks.script;

import org.junit.jupiter.api.Test;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.ScriptableObject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** BB's WebApp templates: text kept byte for byte, tags replaced by their values, lines kept for errors. */
class TemplatesTest {

    private static String render(String template, Object options) {
        try (Context cx = Context.enter()) {
            ScriptableObject scope = cx.initSafeStandardObjects();
            Function function = cx.compileFunction(scope, Templates.toFunction(template), "t", 0, null);
            return (String) function.call(cx, scope, scope, new Object[] {options});
        }
    }

    @Test
    void textIsKeptAsWrittenAndTagsAreReplacedByTheirValues() {
        String template = "<p class=\"a\">'quoted' \\ back\u2028slash</p>\n  2 + 2 = <% 2+2 %>\n<%undefined%><% null %>end\n";
        assertThat(render(template, null)).isEqualTo("<p class=\"a\">'quoted' \\ back\u2028slash</p>\n  2 + 2 = 4\nend\n");
    }

    @Test
    void tagsSeeTheOptionsAndMayEndWithALineComment() {
        try (Context cx = Context.enter()) {
            ScriptableObject scope = cx.initSafeStandardObjects();
            Object options = cx.evaluateString(scope, "({name: 'Ann'})", "o", 1, null);
            Function function = cx.compileFunction(scope, Templates.toFunction("Hi <% options.name // who %>!"), "t", 0, null);
            assertThat(function.call(cx, scope, scope, new Object[] {options})).isEqualTo("Hi Ann!");
        }
    }

    @Test
    void anErrorInATagNamesTheTemplatesLine() {
        assertThat(ScriptSyntax.error(Templates.toFunctionBody("<p>\n\n<% 1 + %>\n</p>"))).hasValueSatisfying(
                error -> assertThat(error).contains("line 3"));
        assertThatThrownBy(() -> Templates.toFunctionBody("a\n<% 1 ")).hasMessageContaining("(line 2)");
    }

    @Test
    void templatesAreTheCommandsNamedAsWebFiles() {
        assertThat(Templates.isTemplate("index.html")).isTrue();
        assertThat(Templates.isTemplate("example.CSS")).isTrue();
        assertThat(Templates.isTemplate("/start")).isFalse();
        assertThat(Templates.isTemplate("app.js")).isFalse();
        assertThat(Templates.mediaType("style.css")).hasValue("text/css; charset=utf-8");
        assertThat(Templates.renderedMediaType("app.js")).hasValue("text/javascript; charset=utf-8");
        assertThat(Templates.renderedMediaType("/start")).isEmpty();
    }

    @Test
    void statementTagsAddNothingThemselvesAndShapeTheTextAroundThem() {
        String template = "<% var total = 0 %><ul>\n<% for (var i = 0; i < options.length; i++) { total += options[i] %>"
                + "<li><% options[i] %></li>\n<% } %></ul>\n<% if (total > 5) { %>big<% } else { %>small<% } %> <% total %>";
        try (Context cx = Context.enter()) {
            ScriptableObject scope = cx.initSafeStandardObjects();
            Object prices = cx.evaluateString(scope, "[2, 3, 4]", "o", 1, null);
            Function function = cx.compileFunction(scope, Templates.toFunction(template), "t", 0, null);
            assertThat(function.call(cx, scope, scope, new Object[] {prices}))
                    .isEqualTo("<ul>\n<li>2</li>\n<li>3</li>\n<li>4</li>\n</ul>\nbig 9");
            Function each = cx.compileFunction(scope,
                    Templates.toFunction("<% options.forEach(function (price) { %>[<% price %>]<% }) %>"), "t", 0, null);
            assertThat(each.call(cx, scope, scope, new Object[] {prices})).isEqualTo("[2][3][4]");
        }
    }

    @Test
    void anEqualsSignOpensAnExpressionTagAsInEjs() {
        assertThat(render("<%= 6 * 7 %>/<%=options%>", "x")).isEqualTo("42/x");
    }

    @Test
    void aStatementTagLeftOpenIsASyntaxErrorNamingItsLine() {
        assertThat(ScriptSyntax.error(Templates.toFunctionBody("<p>\n<% if (options) { %>\nyes\n</p>")))
                .hasValueSatisfying(error -> assertThat(error).startsWith("SyntaxError"));
        assertThat(ScriptSyntax.error(Templates.toFunctionBody("<p>\n<% } %>\n</p>")))
                .hasValueSatisfying(error -> assertThat(error).contains("line 2"));
    }
}
