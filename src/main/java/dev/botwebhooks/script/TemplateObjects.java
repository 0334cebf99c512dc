package dev.botwebhooks.script;

import org.mozilla.javascript.Context;
import org.mozilla.javascript.JSDescriptor;
import org.mozilla.javascript.JSScript;
import org.mozilla.javascript.Script;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The objects a tagged template ({@code tag`a${b}`}) passes as its first argument. Rhino makes each on
 * its first evaluation and keeps it with the compiled code for every later evaluation, as the language
 * requires; made by a run, it would hold that run's global (its parent scope) for every later run of the
 * command, and an engine where each run has its own built-ins would hand a later run the first run's
 * {@code Array.prototype}. So they are made when the command is compiled, in a locked set that no run
 * borrows, and sealed.
 */
final class TemplateObjects {

    private static final Field TEMPLATE_LITERALS = templateLiterals();

    private TemplateObjects() {
    }

    /** Makes every template object of {@code script} and of the functions inside it, under {@code realm}. */
    static void prepare(Context cx, Script script, Scriptable realm) {
        if (!(script instanceof JSScript compiled)) {
            throw new IllegalStateException("not an interpreted script: " + script.getClass().getName());
        }
        prepare(cx, compiled.getDescriptor(), realm, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void prepare(Context cx, JSDescriptor<?> descriptor, Scriptable realm, Set<Object> seen) {
        if (!seen.add(descriptor)) {
            return;
        }
        for (Object code : new Object[] {descriptor.getCode(), descriptor.getConstructor()}) {
            if (code != null && TEMPLATE_LITERALS.getDeclaringClass().isInstance(code)) {
                Object[] literals = literals(code);
                for (int i = 0; literals != null && i < literals.length; i++) {
                    Scriptable site = ScriptRuntime.getTemplateLiteralCallSite(cx, realm, literals, i);
                    ((ScriptableObject) site).sealObject();
                    if (ScriptableObject.getProperty(site, "raw") instanceof ScriptableObject raw) {
                        raw.sealObject();
                    }
                }
            }
        }
        List<? extends JSDescriptor<?>> nested = descriptor.getNestedFunctions();
        for (int i = 0; nested != null && i < nested.size(); i++) {
            prepare(cx, nested.get(i), realm, seen);
        }
    }

    private static Object[] literals(Object code) {
        try {
            return (Object[]) TEMPLATE_LITERALS.get(code);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rhino has no public way to them; checked when the class loads, so a Rhino upgrade fails every test. */
    private static Field templateLiterals() {
        try {
            Field field = Class.forName("org.mozilla.javascript.InterpreterData").getDeclaredField("itsTemplateLiterals");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
