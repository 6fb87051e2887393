package org.caregrid.alerting.rule;

import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/**
 * A rule's finding: something a station should look at.
 *
 * @param deviceKey the device whose data showed it
 * @param at when the cause was observed, epoch milliseconds
 * @param detail what was seen, in English: the metric and value, each score, the devices
 * @param finding the same as a code and parameters, for the console to say in its language
 */
public record AlertCandidate(
    AlertKind kind,
    Severity severity,
    int residentKey,
    int deviceKey,
    long at,
    String detail,
    Finding finding) {}
