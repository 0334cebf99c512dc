package dev.botwebhooks.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md, each importing only those below it, and no import cycle
 * between feature packages. A failure names the class and the import that breaks the rule.
 */
@AnalyzeClasses(packages = "dev.botwebhooks", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    static final String EDGE = "Edge";
    static final String GATES = "Gates";
    static final String APPLICATION = "Application";
    static final String ENGINE = "Engine";
    static final String DATA = "Data";
    static final String INFRASTRUCTURE = "Infrastructure";

    @ArchTest
    static final ArchRule layersPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer(EDGE).definedBy("..ingress..", "..webhook..", "..admin..", "..console..")
            .layer(GATES).definedBy("..admission..", "..verification..", "..idempotency..", "..cors..", "..preview..")
            .layer(APPLICATION).definedBy("..run..", "..delivery..", "..scheduler..", "..archive..", "..outbound..")
            .layer(ENGINE).definedBy("..script..", "..pipeline..")
            .layer(DATA).definedBy("..bot..", "..command..", "..user..", "..property..", "..message..", "..call..",
                    "..job..", "..url..", "..httprequest..", "..list..", "..broadcast..")
            .layer(INFRASTRUCTURE).definedBy("..cache..", "..cluster..", "..metrics..", "..scheduling..", "..crypto..", "..token..", "..sql..", "..logging..", "..config..")
            .whereLayer(EDGE).mayNotBeAccessedByAnyLayer()
            .whereLayer(GATES).mayOnlyBeAccessedByLayers(EDGE)
            .whereLayer(APPLICATION).mayOnlyBeAccessedByLayers(EDGE, GATES)
            .whereLayer(ENGINE).mayOnlyBeAccessedByLayers(EDGE, GATES, APPLICATION)
            .whereLayer(DATA).mayOnlyBeAccessedByLayers(EDGE, GATES, APPLICATION, ENGINE)
            .whereLayer(INFRASTRUCTURE).mayOnlyBeAccessedByLayers(EDGE, GATES, APPLICATION, ENGINE, DATA);

    @ArchTest
    static final ArchRule featurePackagesHaveNoCycle = slices().matching("dev.botwebhooks.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theSandboxKnowsNoHttpAndNoTransaction = noClasses().that().resideInAPackage("..script..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "org.springframework.http..",
                    "org.springframework.transaction..", "org.springframework.r2dbc..", "io.r2dbc..", "reactor.netty..",
                    "io.netty..");
}
