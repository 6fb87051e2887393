package org.caregrid.server.console;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Collects what a page's Content-Security-Policy refused: Chromium's console errors about it, and
 * each {@code securitypolicyviolation} event, which an init script (not itself subject to the
 * policy) reports on the console. Assert {@link #violations} empty at the end of a browser test.
 */
public final class CspWatch {
  private static final String REPORTER =
      "document.addEventListener('securitypolicyviolation', e => console.error("
          + "'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')"
          + " + ' at ' + e.sourceFile + ':' + e.lineNumber));";

  private final List<String> violations = new CopyOnWriteArrayList<>();

  /** A watch on {@code page}. */
  public static CspWatch on(Page page) {
    CspWatch watch = new CspWatch();
    watch.watch(page);
    return watch;
  }

  /** Adds {@code page}'s refusals to this watch's; call before the page navigates. */
  public void watch(Page page) {
    page.addInitScript(REPORTER);
    page.onConsoleMessage(
        m -> {
          String text = m.text();
          if (text.contains("CSP violation") || text.contains("Content Security Policy")) {
            violations.add(page.url() + ": " + text);
          }
        });
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }
}
