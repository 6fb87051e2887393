package org.caregrid.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The rule every module keeps: no package depends on itself through others. Each package is its own
 * slice, sub-packages included (so {@code rule} and {@code rule.bed} must not need each other
 * either), and only main code counts.
 */
public final class PackageCycles {
  private PackageCycles() {}

  /** The module's main classes under {@code root}. */
  public static JavaClasses mainClasses(String root) {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
        .importPackages(root);
  }

  /** Fails on any cycle between the packages under {@code root}, naming its dependencies. */
  public static ArchRule noCyclesUnder(String root) {
    return slices().assignedFrom(new ByPackage(root)).should().beFreeOfCycles();
  }

  private record ByPackage(String root) implements SliceAssignment {
    @Override
    public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
      String pkg = javaClass.getPackageName();
      return pkg.equals(root) || pkg.startsWith(root + ".")
          ? SliceIdentifier.of(pkg)
          : SliceIdentifier.ignore();
    }

    @Override
    public String getDescription() {
      return "packages under " + root;
    }
  }
}
