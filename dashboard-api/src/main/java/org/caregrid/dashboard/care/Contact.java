package org.caregrid.dashboard.care;

/**
 * One emergency contact.
 *
 * @param order where the contact comes in the call order, from 1
 * @param holdsKey has a key to the home, so can let responders in
 */
public record Contact(
    int order, String name, String relationship, String phone, boolean holdsKey) {}
