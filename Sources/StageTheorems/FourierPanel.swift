import CMPFR
import MultiPrecision

/// The discrete Fourier sums of `StageScalar.fourierSums` at all nodes of one ξ panel,
///
///     F_r(ξ0 + δ_j) = Σ_k v_{r,k} e^{−2πi(ξ0 + δ_j)x_k} = C_r − i S_r,
///
/// for x nodes grouped in pieces (piece p: centre c_p, nodes x_k = c_p + y_k). `evaluate(ξ0, δ)`
/// returns, for every offset δ_j, the pairs (C_r, S_r) of every row r.
public final class FourierPanelSums<T: StageScalar> {
  /// The x nodes (as `ResidualSamples.nodes`), the centre of each piece and how many consecutive
  /// nodes each piece has.
  public let nodes: [T]
  public let pieceCentres: [T]
  public let nodesPerPiece: Int
  /// Rows v_r (quadrature weights folded in), each with one value per node.
  public let values: [[T]]
  let evaluator: (T, [T], [[Bool]]?) -> [[(cos: T, sin: T)]]

  init(
    nodes: [T], pieceCentres: [T], nodesPerPiece: Int, values: [[T]],
    evaluator: @escaping (T, [T], [[Bool]]?) -> [[(cos: T, sin: T)]]
  ) {
    self.nodes = nodes
    self.pieceCentres = pieceCentres
    self.nodesPerPiece = nodesPerPiece
    self.values = values
    self.evaluator = evaluator
  }

  /// (C_r, S_r) at ξ0 + δ_j for every offset (outer index) and row (inner index). With `needed`,
  /// a row r with `needed[j][r]` false may come back as (0, 0) at offset j (the coarse rows at the
  /// ξ nodes where the coarse ξ rule has no weight); ±δ pairs must need the same rows.
  public func evaluate(centre: T, offsets: [T], needed: [[Bool]]? = nil) -> [[(cos: T, sin: T)]] {
    evaluator(centre, offsets, needed)
  }

  /// The direct sums: one sine and cosine per (ξ, x) pair (`StageScalar.fourierSums`).
  static func direct(nodes: [T], pieceCentres: [T], nodesPerPiece: Int, values: [[T]]) -> FourierPanelSums<T> {
    let phases = nodes.map { 2 * T.pi * $0 }
    return FourierPanelSums(nodes: nodes, pieceCentres: pieceCentres, nodesPerPiece: nodesPerPiece, values: values) {
      centre, offsets, _ in offsets.map { T.fourierSums(xi: centre + $0, phases: phases, values: values) }
    }
  }
}

/// The number of Taylor terms M such that Σ_{m≥M} a^m/m! ≤ 2^(−bits) (a = 2π·max|δ|·max|y|).
func panelTaylorTerms(_ a: Double, bits: Int) -> Int {
  var term = 1.0, m = 0
  let target = Double.pow(2, Double(-bits))
  // Tail after m terms ≤ a^m/m! · 1/(1 − a/(m + 1)) once m + 1 > 2a.
  while !(Double(m + 1) > 2 * a && term * 2 <= target) {
    m += 1
    term *= a / Double(m)
  }
  return max(m, 1)
}

/// The Fourier sums of one ξ panel in MPFR by Taylor moments per x piece, with no sine or cosine per
/// (ξ, x) pair. With ξ = ξ0 + δ and x_k = c_p + y_k,
///
///     e^{−2πiξx_k} = e^{−2πiξ0 x_k} · e^{−2πiδc_p} · Σ_m (−2πiδ y_k)^m / m!,
///
/// so F_r(ξ0 + δ) = Σ_p e^{−2πiδc_p} Σ_m (2πδ)^m N_{r,p,m}, with the moments
/// N_{r,p,m} = (−i)^m Σ_{k∈p} v_{r,k} e^{−2πiξ0 x_k} y_k^m/m!. Per panel: one `mpfr_sin_cos` per x node
/// (at ξ0) and per (ξ node, piece) (at δ_j c_p); the rest are multiply-adds. The series is cut at
/// M terms with Σ_{m≥M} (2π max|δ| max|y|)^m/m! ≤ ε/16 (ε = 2^(1−p)): the truncation changes each sum
/// by at most ε/16 · Σ_k |v_{r,k}|, below one rounding of the direct sum.
final class MPFRPanelMoments {
  let p: Int
  let n: Int, pieces: Int, perPiece: Int, rows: Int, terms: Int
  /// All MPFR values in one block: Y[k][m] = y_k^m/m!, v[r][k], 2πx_k, 2πc_p, cos/sin of the
  /// panel-centre phases, the moments (re, im) [r][p][m], scratch.
  let block: UnsafeMutablePointer<__mpfr_struct>
  let count: Int
  let yOff: Int, vOff: Int, phaseOff: Int, centreOff: Int, cOff: Int, sOff: Int, momOff: Int, tOff: Int
  let scratchOff: Int
  /// v_{r,k} = 0 (the coarse rows at the nodes of the fine rule only): no moment terms.
  let zero: [Bool]

  init(nodes: [MPFloat], pieceCentres: [MPFloat], nodesPerPiece: Int, values: [[MPFloat]], maxOffset: Double) {
    p = MPFloat.workingPrecision
    n = nodes.count
    pieces = pieceCentres.count
    perPiece = nodesPerPiece
    rows = values.count
    zero = values.flatMap { $0.map { $0.isZero } }
    precondition(pieces * perPiece == n, "FourierPanelSums: \(pieces) pieces of \(perPiece) nodes for \(n) nodes")
    var maxY = 0.0
    for k in 0..<n { maxY = max(maxY, abs((nodes[k] - pieceCentres[k / perPiece]).doubleValue)) }
    terms = panelTaylorTerms(2 * Double.pi * maxOffset * maxY * (1 + 1e-6), bits: p + 4)
    yOff = 0
    vOff = yOff + n * terms
    phaseOff = vOff + rows * n
    centreOff = phaseOff + n
    cOff = centreOff + pieces
    sOff = cOff + n
    momOff = sOff + n
    tOff = momOff + 2 * rows * pieces * terms
    scratchOff = tOff + terms
    count = scratchOff + 16 + 6 * rows
    block = .allocate(capacity: count)
    for i in 0..<count { mpfr_init2(block + i, mpfr_prec_t(p)) }
    let twoPi = 2 * MPFloat.pi
    for k in 0..<n {
      let y = nodes[k] - pieceCentres[k / perPiece]
      var power = MPFloat(1)
      for m in 0..<terms {
        set(yOff + k * terms + m, power)
        power = power * y / MPFloat(m + 1)
      }
      set(phaseOff + k, twoPi * nodes[k])
      for r in 0..<rows { set(vOff + r * n + k, values[r][k]) }
    }
    for q in 0..<pieces { set(centreOff + q, twoPi * pieceCentres[q]) }
  }

  deinit {
    for i in 0..<count { mpfr_clear(block + i) }
    block.deallocate()
  }

  /// acc += a·b through a product slot (one `mpfr_mul` and one `mpfr_add`: `mpfr_fma` forms the exact
  /// product first and costs about twice as much).
  @inline(__always)
  private func addProduct(_ acc: mpfr_ptr, _ a: mpfr_ptr, _ b: mpfr_ptr, _ prod: mpfr_ptr) {
    mpfr_mul(prod, a, b, MPFR_RNDN)
    mpfr_add(acc, acc, prod, MPFR_RNDN)
  }

  private func set(_ i: Int, _ x: MPFloat) {
    x.withUnsafeMPFR { _ = mpfr_set(block + i, $0, MPFR_RNDN) }
  }

  private func get(_ i: Int) -> MPFloat {
    var x = MPFloat(0, precision: p)
    x.withUnsafeMutableMPFR { _ = mpfr_set($0, block + i, MPFR_RNDN) }
    return x
  }

  func evaluate(centre: MPFloat, offsets: [MPFloat], needed: [[Bool]]?) -> [[(cos: MPFloat, sin: MPFloat)]] {
    loadMoments(centre: centre)
    // The ξ nodes come in pairs ±δ (a symmetric rule): with E = Σ_{m even} (2πδ)^m N_m and
    // O = Σ_{m odd}, the pair takes P(±δ) = E ± O and e^{∓2πiδc_p} from one sine and cosine.
    var out = [[(cos: MPFloat, sin: MPFloat)]?](repeating: nil, count: offsets.count)
    for j in offsets.indices where out[j] == nil {
      let delta = offsets[j]
      let mirror = offsets.count - 1 - j
      let paired = mirror > j && offsets[mirror] == -delta
      let (row, mirrored) = sums(at: delta, paired: paired, needed: needed?[j])
      out[j] = row
      if paired { out[mirror] = mirrored }
    }
    return out.map { $0! }
  }

  /// The panel's moments at its centre ξ₀: the phases e^{−2πiξ₀x} at every x node, then for every
  /// row and piece M_{r,p,m} = Σ_{k∈p} a_{r,k} Y_{k,m} (a = v e^{−2πiξ₀x}), stored as N_m = (−i)^m M_m.
  private func loadMoments(centre: MPFloat) {
    let b = block
    let xi = b + scratchOff, t = b + scratchOff + 1
    let prod = b + scratchOff + 7
    let are = b + scratchOff + 16, aim = are + rows
    centre.withUnsafeMPFR { _ = mpfr_set(xi, $0, MPFR_RNDN) }
    // Phases at the panel centre, one sine and cosine per x node.
    for k in 0..<n {
      mpfr_mul(t, xi, b + phaseOff + k, MPFR_RNDN)
      mpfr_sin_cos(b + sOff + k, b + cOff + k, t, MPFR_RNDN)
    }
    // Moments M_{r,p,m} = Σ_{k∈p} a_{r,k} Y_{k,m}, a = v e^{−2πiξ0 x} = v (cos − i sin).
    let momentCount = 2 * rows * pieces * terms
    for i in 0..<momentCount { mpfr_set_zero(b + momOff + i, 1) }
    for k in 0..<n {
      let q = k / perPiece
      for r in 0..<rows {
        mpfr_mul(are + r, b + vOff + r * n + k, b + cOff + k, MPFR_RNDN)
        mpfr_mul(aim + r, b + vOff + r * n + k, b + sOff + k, MPFR_RNDN)
        mpfr_neg(aim + r, aim + r, MPFR_RNDN)
      }
      let y = b + yOff + k * terms
      for r in 0..<rows where !zero[r * n + k] {
        let re = b + momOff + ((r * pieces + q) * terms) * 2
        for m in 0..<terms {
          addProduct(re + 2 * m, are + r, y + m, prod)
          addProduct(re + 2 * m + 1, aim + r, y + m, prod)
        }
      }
    }
    // N_m = (−i)^m M_m: (re, im) → (im, −re), (−re, −im), (−im, re) for m ≡ 1, 2, 3 mod 4.
    for r in 0..<rows {
      for q in 0..<pieces {
        let base = b + momOff + ((r * pieces + q) * terms) * 2
        for m in 0..<terms {
          let re = base + 2 * m, im = re + 1
          switch m % 4 {
          case 1:
            mpfr_swap(re, im)
            mpfr_neg(im, im, MPFR_RNDN)
          case 2:
            mpfr_neg(re, re, MPFR_RNDN)
            mpfr_neg(im, im, MPFR_RNDN)
          case 3:
            mpfr_swap(re, im)
            mpfr_neg(re, re, MPFR_RNDN)
          default: break
          }
        }
      }
    }
  }

  /// C and S of every row at offset δ from the centre (rows not `needed` are left at 0), and at −δ
  /// when `paired`.
  private func sums(
    at delta: MPFloat, paired: Bool, needed: [Bool]?
  ) -> (row: [(cos: MPFloat, sin: MPFloat)], mirrored: [(cos: MPFloat, sin: MPFloat)]) {
    let b = block
    let t = b + scratchOff + 1, cp = b + scratchOff + 2, sp = b + scratchOff + 3
    let tmp = b + scratchOff + 4, pr = b + scratchOff + 5, pi = b + scratchOff + 6, prod = b + scratchOff + 7
    let fre = b + scratchOff + 16 + 2 * rows, fim = fre + rows
    let tp = b + tOff
    let ore = b + scratchOff + 8, oim = b + scratchOff + 9, ere = pr, eim = pi
    let gre = fim + rows, gim = gre + rows
    // (2πδ)^m.
    delta.withUnsafeMPFR { _ = mpfr_set(tmp, $0, MPFR_RNDN) }
    mpfr_const_pi(t, MPFR_RNDN)
    mpfr_mul(t, t, tmp, MPFR_RNDN)
    mpfr_mul_2ui(t, t, 1, MPFR_RNDN)
    mpfr_set_ui(tp, 1, MPFR_RNDN)
    for m in 1..<max(terms, 1) { mpfr_mul(tp + m, tp + m - 1, t, MPFR_RNDN) }
    for r in 0..<rows {
      mpfr_set_zero(fre + r, 1)
      mpfr_set_zero(fim + r, 1)
      mpfr_set_zero(gre + r, 1)
      mpfr_set_zero(gim + r, 1)
    }
    for q in 0..<pieces {
      // e^{∓2πiδc_p} = cos ∓ i sin.
      delta.withUnsafeMPFR { _ = mpfr_mul(tmp, $0, b + centreOff + q, MPFR_RNDN) }
      mpfr_sin_cos(sp, cp, tmp, MPFR_RNDN)
      for r in 0..<rows where needed?[r] ?? true {
        let base = b + momOff + ((r * pieces + q) * terms) * 2
        mpfr_set_zero(ere, 1)
        mpfr_set_zero(eim, 1)
        mpfr_set_zero(ore, 1)
        mpfr_set_zero(oim, 1)
        var m = 0
        while m < terms {
          addProduct(ere, tp + m, base + 2 * m, prod)
          addProduct(eim, tp + m, base + 2 * m + 1, prod)
          if m + 1 < terms {
            addProduct(ore, tp + m + 1, base + 2 * m + 2, prod)
            addProduct(oim, tp + m + 1, base + 2 * m + 3, prod)
          }
          m += 2
        }
        if paired {
          // P(−δ) = E − O times (cos + i sin): cos P_re − sin P_im + i(cos P_im + sin P_re).
          mpfr_sub(tmp, ere, ore, MPFR_RNDN)
          addProduct(gre + r, cp, tmp, prod)
          addProduct(gim + r, sp, tmp, prod)
          mpfr_sub(tmp, eim, oim, MPFR_RNDN)
          addProduct(gim + r, cp, tmp, prod)
          mpfr_neg(prod, sp, MPFR_RNDN)
          mpfr_mul(tmp, prod, tmp, MPFR_RNDN)
          mpfr_add(gre + r, gre + r, tmp, MPFR_RNDN)
        }
        // P(δ) = E + O times (cos − i sin): cos P_re + sin P_im + i(cos P_im − sin P_re).
        mpfr_add(ere, ere, ore, MPFR_RNDN)
        mpfr_add(eim, eim, oim, MPFR_RNDN)
        addProduct(fre + r, cp, ere, prod)
        addProduct(fre + r, sp, eim, prod)
        addProduct(fim + r, cp, eim, prod)
        mpfr_neg(tmp, sp, MPFR_RNDN)
        addProduct(fim + r, tmp, ere, prod)
      }
    }
    // C = Re F, S = −Im F.
    var row: [(cos: MPFloat, sin: MPFloat)] = [], mirrored: [(cos: MPFloat, sin: MPFloat)] = []
    for r in 0..<rows {
      mpfr_neg(fim + r, fim + r, MPFR_RNDN)
      row.append((get(fre - b + r), get(fim - b + r)))
      mpfr_neg(gim + r, gim + r, MPFR_RNDN)
      mirrored.append((get(gre - b + r), get(gim - b + r)))
    }
    return (row, mirrored)
  }
}
