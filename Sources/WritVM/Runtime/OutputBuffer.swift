/// Where `print` writes. Text is collected in a buffer and handed to the sink when the
/// buffer fills, when the program ends and before a runtime error is reported, so output
/// printed before an error is never lost (language.md §27.1).
package struct OutputBuffer: ~Copyable {
    private var bytes: [UInt8] = []
    /// Receives flushed text. The default writes to standard output.
    package var sink: @Sendable ([UInt8]) -> Void

    package init(sink: @escaping @Sendable ([UInt8]) -> Void) {
        self.sink = sink
        bytes.reserveCapacity(Self.flushThreshold)
    }

    static let flushThreshold = 1 << 16

    @inline(__always) package mutating func append(_ buffer: UnsafeRawBufferPointer) {
        unsafe bytes.append(contentsOf: buffer)
    }

    @inline(__always) package mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    /// Call after a complete line: flushes when the buffer is large.
    @inline(__always) package mutating func endLine() {
        if bytes.count >= Self.flushThreshold { flush() }
    }

    package mutating func flush() {
        guard !bytes.isEmpty else { return }
        sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
