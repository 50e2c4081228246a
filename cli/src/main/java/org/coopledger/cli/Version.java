package org.coopledger.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code coop --version}: the version in the jar's manifest, if it was built into one. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Coop.class.getPackage().getImplementationVersion();
    return new String[] {"coop " + (version == null ? "(development build)" : version)};
  }
}
