package org.caregrid.bench.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of processes and of the whole machine, read from /proc (Linux). */
public final class ProcStat {
  /** USER_HZ: the unit of /proc tick counts on Linux. */
  private static final double TICKS = 100.0;

  private ProcStat() {}

  public static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // fields 14 and 15 (utime, stime) are at 11 and 12 after the command name
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
  }

  /** Busy CPU seconds of the whole machine, all cores. */
  public static double machineBusySeconds() throws IOException {
    String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
    long busy = 0;
    for (int i = 1; i < f.length; i++) {
      if (i != 4 && i != 5) { // idle, iowait
        busy += Long.parseLong(f[i]);
      }
    }
    return busy / TICKS;
  }

  /** The 1, 5 and 15 minute load averages, as the kernel prints them. */
  public static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return f[0] + " " + f[1] + " " + f[2];
  }
}
