import Verification

extension QuantityRecord {
  /// `value ± error` for the report tables (‡ when the error is an estimate, not a
  /// bound; `a + b i ± error` for a complex quantity). Measured quantities show the
  /// seed count and spread ("single run" when there is one seed), never a bare "± 0";
  /// a quantity with `never` seeds shows the censored mean.
  public var display: String {
    guard let samples else {
      let shown = imag.map { "\(value) \($0.hasPrefix("-") ? "- \($0.dropFirst())" : "+ \($0)") i" } ?? value
      return "\(shown) ± \(error)\(rigorous ? "" : " ‡")"
    }
    if samples.count == 1 { return "\(samples[0]) (single run, no error bar)" }
    let list = "seeds: " + samples.joined(separator: ", ")
    let short = Double(value).map(ReportNumber.text) ?? value
    if let never = metadata["never"], samples.contains("never") {
      if samples.allSatisfy({ $0 == "never" }) { return "never (\(samples.count) seeds)" }
      return "≥ \(short) (\(never); \(list))"
    }
    let resolution = metadata["error"]?.contains("resolution") == true
    let e = Double(error).map(ReportNumber.text) ?? error
    if Set(samples).count == 1 {
      return "\(samples[0]) (the same in all \(samples.count) seeds\(resolution ? ", ± \(e) resolution" : ""))"
    }
    return "\(short) ± \(e) (mean ± standard error\(resolution ? " + resolution" : ""), \(list))"
  }
}
