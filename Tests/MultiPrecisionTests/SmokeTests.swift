import Testing
import MultiPrecision
@Test func smoke() { #expect(MPFloat(1) + MPFloat(2) == MPFloat(3)) }
