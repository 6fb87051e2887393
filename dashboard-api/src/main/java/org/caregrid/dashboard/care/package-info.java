/**
 * Who to call for a resident and what to tell 120: contacts in call order, the family doctor, the
 * medical summary with its door access, and the call attempts staff log on an alert. Blocking JDBC:
 * callers run it on the database workers.
 */
package org.caregrid.dashboard.care;
