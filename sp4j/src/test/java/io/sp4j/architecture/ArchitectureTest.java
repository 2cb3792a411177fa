package io.sp4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The layers of docs/architecture.md as the main code compiles: checked on every build. Change the
 * design (and that document) rather than these rules.
 */
@AnalyzeClasses(packages = "io.sp4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** What module-info exports: the API, the nn facade and the SPI. */
  private static final Set<String> EXPORTED = Set.of("io.sp4j", "io.sp4j.nn", "io.sp4j.spi");

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInAnyPackage("io.sp4j..")
          .layer("API")
          .definedBy("io.sp4j")
          .layer("Facade")
          .definedBy("io.sp4j.nn..")
          .layer("Core")
          .definedBy("io.sp4j.core..")
          .layer("Protocols")
          .definedBy("io.sp4j.protocol..")
          .layer("SPI")
          .definedBy("io.sp4j.spi..")
          .layer("Transports")
          .definedBy("io.sp4j.transport..")
          .whereLayer("Facade")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("Core")
          .mayOnlyBeAccessedByLayers("Facade")
          .whereLayer("Protocols")
          .mayOnlyBeAccessedByLayers("Core")
          .whereLayer("Transports")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("SPI")
          .mayOnlyBeAccessedByLayers("Facade", "Core", "Protocols", "Transports")
          .ensureAllClassesAreContainedInArchitecture();

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.sp4j.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule rootPackageUsesNoOther =
      noClasses()
          .that()
          .resideInAPackage("io.sp4j")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.sp4j.*..");

  @ArchTest
  static final ArchRule spiIsInterfacesAndValuesOverTheApi =
      classes()
          .that()
          .resideInAPackage("io.sp4j.spi")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.sp4j", "io.sp4j.spi", "java..");

  @ArchTest
  static final ArchRule protocolsArePureLogic =
      classes()
          .that()
          .resideInAPackage("io.sp4j.protocol..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("io.sp4j", "io.sp4j.spi", "io.sp4j.protocol..", "java..");

  @ArchTest
  static final ArchRule protocolsReadNoRealClock =
      noClasses()
          .that()
          .resideInAPackage("io.sp4j.protocol..")
          .should()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .orShould()
          .callMethod(Thread.class, "sleep", long.class);

  @ArchTest
  static final ArchRule coreReadsTimeOnlyThroughItsClock =
      noClasses()
          .that()
          .resideInAPackage("io.sp4j.core..")
          .should()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because(
              "the socket core's time is the injected spi.Clock and spi.Scheduler, so tests can move it by hand");

  @ArchTest
  static final ArchRule transportAndFacadeTimersRunOnTheSocketsTime =
      noClasses()
          .that()
          .resideInAnyPackage("io.sp4j.transport..", "io.sp4j.nn..")
          .and()
          .doNotHaveSimpleName("ChannelTime")
          .and()
          .doNotHaveSimpleName("EventLoops")
          .and()
          .doNotHaveSimpleName("DrivenLoop")
          .should()
          .callMethodWhere(
              JavaCall.Predicates.target(HasName.Predicates.name("schedule"))
                  .and(
                      JavaCall.Predicates.target(
                          HasOwner.Predicates.With.owner(
                              JavaClass.Predicates.assignableTo(ScheduledExecutorService.class)))))
          .orShould()
          .callMethodWhere(JavaCall.Predicates.target(HasName.Predicates.name("ticker")))
          .orShould()
          .callMethod(System.class, "nanoTime")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because(
              "handshake deadlines, stall checks, close waits and nn_poll timeouts run on the socket's"
                  + " injected time (transport.netty.ChannelTime, spi.Scheduler), so tests can move"
                  + " it by hand; EventLoops only bounds its wait for the OS to free a closed port, and"
                  + " DrivenLoop is an event loop: Netty's scheduled tasks run on its ticker");

  @ArchTest
  static final ArchRule transportsKnowNoSocketCoreOrProtocol =
      noClasses()
          .that()
          .resideInAPackage("io.sp4j.transport..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.sp4j.core..", "io.sp4j.protocol..", "io.sp4j.nn..");

  @ArchTest
  static final ArchRule coreKnowsNoTransportOrNetty =
      noClasses()
          .that()
          .resideInAPackage("io.sp4j.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.sp4j.transport..", "io.sp4j.nn..", "io.netty..");

  @ArchTest
  static final ArchRule exportedSignaturesShowNothingInternal =
      classes()
          .that()
          .arePublic()
          .and()
          .resideInAnyPackage(EXPORTED.toArray(String[]::new))
          .should(exposeOnlyExportedTypes());

  private static ArchCondition<JavaClass> exposeOnlyExportedTypes() {
    return new ArchCondition<>("expose only types of exported packages in public members") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaMember member : type.getMembers()) {
          boolean visible =
              member.getModifiers().contains(JavaModifier.PUBLIC)
                  || member.getModifiers().contains(JavaModifier.PROTECTED);
          if (!visible) {
            continue;
          }
          for (JavaClass involved : involvedTypes(member)) {
            String pkg = involved.getPackageName();
            if (pkg.startsWith("io.sp4j") && !EXPORTED.contains(pkg)) {
              events.add(
                  SimpleConditionEvent.violated(
                      member, member.getFullName() + " exposes " + involved.getName()));
            }
          }
        }
      }
    };
  }

  private static Set<JavaClass> involvedTypes(JavaMember member) {
    if (member instanceof com.tngtech.archunit.core.domain.JavaCodeUnit code) {
      Set<JavaClass> types =
          new java.util.HashSet<>(
              code.getParameterTypes().stream()
                  .flatMap(t -> t.getAllInvolvedRawTypes().stream())
                  .toList());
      types.addAll(code.getReturnType().getAllInvolvedRawTypes());
      return types;
    }
    if (member instanceof com.tngtech.archunit.core.domain.JavaField field) {
      return field.getType().getAllInvolvedRawTypes();
    }
    return Set.of();
  }
}
