package org.caregrid.dashboard.web;

import io.vertx.ext.web.Router;

/**
 * A part served by the dashboard's HTTP server from another module (FHIR): it mounts its routes on
 * the server's root router, on the server's context, before the console's static files.
 */
public interface HttpExtension {
  void mount(Router root);
}
