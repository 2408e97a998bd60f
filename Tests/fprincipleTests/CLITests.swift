import Foundation
import TestSupport
import Testing

/// Runs the built `fprinciple` executable, which sits in the same build
/// directory as the test bundle (the test target depends on it).
enum CLI {
  static let executable: URL? = {
    var directories: [URL] = []
    if let dir = ProcessInfo.processInfo.environment["FPRINCIPLE_BUILD_DIR"] {
      directories.append(URL(fileURLWithPath: dir))
    }
    for bundle in Bundle.allBundles + [Bundle.main] {
      directories.append(bundle.bundleURL.deletingLastPathComponent())
      if let exe = bundle.executableURL { directories.append(exe.deletingLastPathComponent()) }
    }
    let arguments = CommandLine.arguments.first.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
    if let arguments { directories.append(arguments) }
    for dir in directories {
      let candidate = dir.appendingPathComponent("fprinciple")
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
        FileManager.default.isExecutableFile(atPath: candidate.path)
      {
        return candidate
      }
    }
    return nil
  }()

  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static func run(_ arguments: [String]) throws -> Result {
    let exe = try #require(executable, "fprinciple executable not found next to the test bundle")
    let process = Process()
    process.executableURL = exe
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}

/// Reference values, shared with the Expressions tests (mpmath, 70 digits).
func referenceValue(_ expression: String, _ variables: [String: String]) throws -> String {
  struct Case: Decodable { let expression: String; let variables: [String: String]; let value: String }
  struct File: Decodable { let cases: [Case] }
  let url = PackagePaths.fixture("Expressions/values.json")
  let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
  return try #require(file.cases.first { $0.expression == expression && $0.variables == variables }).value
}

@Suite(.serialized) struct CLITests {
  @Test func version() throws {
    let r = try CLI.run(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout.split(separator: ".").count == 3)
  }

  @Test func evalJSONShape() throws {
    let r = try CLI.run(["eval", "exp(-x^2) * cos(5*x) + gamma(1/3)", "--set", "x=0.5", "--digits", "60", "--json"])
    #expect(r.status == 0)
    #expect(r.stdout.hasSuffix("\n") && r.stdout.filter { $0 == "\n" }.count == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["value", "bits"])
    let value = try #require(object["value"] as? String)
    let bits = try #require(object["bits"] as? Int)
    #expect(bits >= 200)
    // 60 significant digits: the reference rounded to 60 digits.
    let reference = try referenceValue("exp(-x^2) * cos(5*x) + gamma(1/3)", ["x": "0.5"])
    #expect(value.filter(\.isNumber).count == 60)
    #expect(value == "2.05500725956713912898067410930196450831476388450140255031350")
    #expect(reference.hasPrefix(String(value.dropLast())))
  }

  @Test func plainOutputAndBits() throws {
    let r = try CLI.run(["eval", "pi", "--bits", "100"])
    #expect(r.status == 0)
    // floor((100 - 4) / log2 10) = 28 digits of pi.
    #expect(r.stdout == "3.141592653589793238462643383\n")
    let d = try CLI.run(["eval", "1/3", "--digits", "5"])
    #expect(d.stdout == "0.33333\n")
    let defaults = try CLI.run(["eval", "1/7"])
    #expect(defaults.stdout.trimmingCharacters(in: .newlines).filter(\.isNumber).count == 51)  // "0." + 50 digits
  }

  @Test func expressionsMayStartWithMinus() throws {
    let r = try CLI.run(["eval", "-x^2 + 2^-3^2", "--set", "x=1.5", "--digits", "8"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "-2.2480469\n")
    let words = try CLI.run(["eval", "1", "+", "2", "--digits", "3"])
    #expect(words.stdout == "3.00\n")
    let typo = try CLI.run(["eval", "1", "--digit", "3"])
    #expect(typo.status != 0 && typo.stderr.contains("Unknown option '--digit'"))
  }

  @Test func setBindingsAreExpressions() throws {
    let r = try CLI.run(["eval", "y - 2*x", "--set", "x=1/3", "--set", "y=2*x + 1", "--digits", "10"])
    #expect(r.status == 0)
    #expect(r.stdout == "1.000000000\n")
  }

  @Test func truthValues() throws {
    let r = try CLI.run(["eval", "slope <= -2 and r2 > 0.9", "--set", "slope=-2.5", "--set", "r2=0.95", "--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(object["truth"] as? String == "true")
    let violated = try CLI.run(["eval", "slope <= -2", "--set", "slope=-1.5"])
    #expect(violated.stdout == "false\n")
  }

  @Test func intervalEnclosure() throws {
    let r = try CLI.run([
      "eval", "exp(-x^2) * cos(5*x) + gamma(1/3)", "--set", "x=0.5", "--digits", "40",
      "--interval", "--json",
    ])
    #expect(r.status == 0)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(Set(object.keys) == ["lower", "upper", "bits"])
    let lower = try #require(object["lower"] as? String), upper = try #require(object["upper"] as? String)
    let reference = try referenceValue("exp(-x^2) * cos(5*x) + gamma(1/3)", ["x": "0.5"])
    // Compare as decimals of equal length: lower ≤ reference ≤ upper.
    func digits(_ s: String) -> String { String(s.filter(\.isNumber).prefix(40)) }
    #expect(digits(lower) <= digits(reference) && digits(reference) < digits(upper) + "1")
    #expect(lower != upper)
    let plain = try CLI.run(["eval", "1/3", "--interval", "--digits", "5"])
    #expect(plain.stdout == "[0.33333, 0.33334]\n")
    let unknown = try CLI.run(["eval", "pi < 3.1415927", "--interval", "--bits", "12"])
    #expect(unknown.stdout == "unknown\n")
  }

  @Test func errorsGoToStandardError() throws {
    let r = try CLI.run(["eval", "exp(-x^2 *", "--set", "x=1"])
    #expect(r.status != 0)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("exp(-x^2 *\n          ^ expected an operand, found end of input"))
    let unknown = try CLI.run(["eval", "x + 1"])
    #expect(unknown.status != 0)
    #expect(unknown.stderr.contains("unknown variable 'x'"))
    let badSet = try CLI.run(["eval", "x", "--set", "x"])
    #expect(badSet.status != 0 && badSet.stderr.contains("--set x"))
    let both = try CLI.run(["eval", "1", "--digits", "5", "--bits", "64"])
    #expect(both.status != 0 && both.stderr.contains("--digits or --bits"))
  }
}
