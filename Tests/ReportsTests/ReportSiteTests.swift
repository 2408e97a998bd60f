import Foundation
import Testing

@testable import Reports
@testable import Verification

/// The report site and the files of a run: one HTML page per theorem and an index that
/// filters, made from the same text as the Markdown; figures a shorter figure list no
/// longer writes are removed.
@Suite struct ReportSiteTests {
  static func run() -> RunResult {
    var control = LayoutGeometryTests.sweepResult()
    control.id = "sweep-control"
    control.kind = .control
    control.controlOf = "sweep"
    control.verdict = .fail
    return RunResult(
      versions: VersionInfo(package: "0", swift: "6", mpfr: "4"), quick: false, shard: nil, generated: "",
      theorems: [LayoutGeometryTests.sweepResult(), control])
  }

  @Test func pagesAndIndexComeFromTheMarkdown() throws {
    let files = ReportWriter(deterministic: true).files(for: Self.run())
    let names = files.map(\.name)
    #expect(names.contains("index.html") && names.contains("sweep.html") && names.contains("sweep-control.html"))
    let page = try #require(files.first { $0.name == "sweep.html" }?.contents)
    // Links: the index, the theorem file, the Markdown, the JSON, the figures; nothing off the machine.
    for target in [
      "index.html", "../Theorems/sweep.toml", "sweep.md", "sweep.json", "sweep-fig1.svg", "sweep-fig2.svg",
    ] {
      #expect(page.contains("href=\"\(target)\""), "\(target)")
    }
    #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("<script src"))
    // The same text as the Markdown: its claim, every check's row.
    #expect(page.contains("slope(eta, B) &lt;= -2*p + 0.5"))
    #expect(page.components(separatedBy: "<tr>").count - 1 >= 36)
    let index = try #require(files.first { $0.name == "index.html" }?.contents)
    #expect(index.contains("<tr data-kind=\"control\" data-verdict=\"fail\""))
    #expect(index.contains("<select name=\"kind\">") && index.contains("<select name=\"verdict\">"))
    #expect(index.contains("<select name=\"paper\">") && index.contains("r.dataset[s.name]"))
    #expect(index.contains("href=\"sweep-control.html\"") && index.contains("(of <a href=\"sweep.html\">"))
  }

  @Test func markdownSubsetBecomesHTML() {
    let html = HTMLPage.html(
      markdown: "# T\n\nSee [`a`](a.md) and F[u](ξ), **bold**.\n\n| x | y |\n|---|---|\n| 1 \\| 2 | `<` |\n\n- item\n")
    #expect(html.contains("<h1>T</h1>"))
    #expect(html.contains("<a href=\"a.html\"><code>a</code></a>"))
    #expect(html.contains("F[u](ξ)"))  // mathematics, not a link
    #expect(html.contains("<strong>bold</strong>"))
    #expect(html.contains("<td>1 | 2</td><td><code>&lt;</code></td>"))
    #expect(html.contains("<li>item</li>"))
  }

  @Test func staleFiguresAreRemoved() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fp-site-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for stale in ["sweep-fig3.svg", "sweep-fig9.svg", "other-fig1.svg", "sweep-extra-fig1.svg"] {
      try "x".write(toFile: dir + "/" + stale, atomically: true, encoding: .utf8)
    }
    try ReportWriter(deterministic: true).write(Self.run(), to: dir)
    let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
    #expect(names.contains("sweep-fig1.svg") && names.contains("sweep-fig2.svg"))
    #expect(!names.contains("sweep-fig3.svg") && !names.contains("sweep-fig9.svg"))
    // Files of theorems the run did not write stay.
    #expect(names.contains("other-fig1.svg") && names.contains("sweep-extra-fig1.svg"))
  }
}
