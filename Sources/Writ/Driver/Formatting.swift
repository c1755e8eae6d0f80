#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Small pieces of text and I/O the driver and the command line need, written against the C
// library so that neither the engine nor the `writ` tool loads Foundation (whose start-up
// alone cost the tool more than 20 ms per run).

extension Duration {
    /// The duration in seconds.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}

/// `value` with exactly `digits` digits after the point (what `%.Nf` prints), for figures in
/// statistics and timings.
package func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "\(value)" }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let scaled = (value.magnitude * scale).rounded()
    guard scaled < 9e18 else { return "\(value)" }
    let units = UInt64(scaled)
    let whole = units / UInt64(scale)
    var text = value < 0 && units != 0 ? "-\(whole)" : "\(whole)"
    if digits > 0 {
        let fraction = String(units % UInt64(scale))
        text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return text
}

/// Writes all of `text` to the file descriptor (standard output is 1, standard error 2).
package func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = unsafe write(descriptor, buffer.baseAddress.unsafelyUnwrapped + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
    }
}
