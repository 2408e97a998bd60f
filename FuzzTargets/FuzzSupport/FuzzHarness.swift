import CLibFuzzer
import Foundation

/// The entry point shared by the fuzz targets.
///
/// Built by `scripts/fuzz.sh` (`-sanitize=fuzzer,address -DFUZZING`), `main`
/// hands the command line to libFuzzer, which calls `LLVMFuzzerTestOneInput`
/// with each generated input. In the ordinary build it replays: every file named
/// on the command line (directories: every file inside, sorted) goes through the
/// same body once, so a crash found by the fuzzer reproduces with
/// `swift run FuzzExpressions crash-…` and a corpus can be checked without the
/// sanitizer build.
///
/// A body returns normally for every input, valid or not: a defect is a trap
/// (overflow, index out of range, force unwrap, `preconditionFailure`), a
/// sanitizer report, or a time-out, all of which libFuzzer reports with the input.
public enum FuzzHarness {
  nonisolated(unsafe) static var body: (Data) -> Void = { _ in }

  public static func main(_ body: @escaping (Data) -> Void) -> Never {
    Self.body = body
    #if FUZZING
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput))
    #else
    exit(replay(Array(CommandLine.arguments.dropFirst())))
    #endif
  }

  /// Runs `body` on every file of `paths`; returns the exit status.
  static func replay(_ paths: [String]) -> Int32 {
    let name = CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent } ?? "fuzz target"
    guard !paths.isEmpty else {
      print("usage: \(name) FILE|DIRECTORY ...   (replays the inputs; scripts/fuzz.sh builds the fuzzer)")
      return 2
    }
    var count = 0
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        print("\(name): no such file: \(path)")
        return 1
      }
      let files: [String]
      if isDirectory.boolValue {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files = names.sorted().map { (path as NSString).appendingPathComponent($0) }
      } else {
        files = [path]
      }
      for f in files {
        guard let data = FileManager.default.contents(atPath: f) else { continue }
        body(data)
        count += 1
      }
    }
    print("\(name): replayed \(count) input\(count == 1 ? "" : "s") without a crash")
    return 0
  }
}

/// libFuzzer's callback: one input, `size` bytes at `data` (nil when empty).
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
  FuzzHarness.body(bytes)
  return 0
}
