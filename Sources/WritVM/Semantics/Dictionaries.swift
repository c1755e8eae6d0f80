import WritBytecode

// Dictionaries (language.md §18.2): see Runtime/DictionaryObject.swift.

extension Interpreter {
    @inline(__always) mutating func newDict(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) mutating func dictGet(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) mutating func dictSet(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) func dictHas(_ fp: Frame, _ pc: Pc) {}
    @inline(__always) mutating func dictRemove(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) func dictLength(_ fp: Frame, _ pc: Pc) {}
    @inline(__always) mutating func dictKeys(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) mutating func dictValues(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) mutating func dictMerge(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }

    mutating func freeDictionaryContents(_ object: ObjectRef, record: RuntimeTypes.Record) {}

    @inline(__always) mutating func callCollectionNative(_ native: NativeFunction, arguments a: Frame, results r: Frame) -> Bool {
        stop(RuntimeFault(.invalidInstruction))
    }

    @inline(__always) mutating func arrayPop(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) mutating func arrayInsert(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
    @inline(__always) mutating func arrayRemove(_ fp: Frame, _ pc: Pc) -> Bool { stop(RuntimeFault(.invalidInstruction)) }
}
