package org.caregrid.dashboard.query;

/** A home as the API shows it; {@code timeZone} is an IANA zone id. */
public record HomeView(
    int id, String address, String community, double lat, double lon, String timeZone) {}
