/// What the VM must know about one kind of heap object: its memory layout (which payload
/// slots hold counted references, which hold weak ones), and for class instances the
/// method tables and ancestry used by dynamic dispatch and `is`/`as`.
///
/// The compiler knows every type statically, so this is all the run-time type information
/// there is: printing and structural equality are compiled into ordinary functions, never
/// done by reflection.
///
/// Type index 0 is always `string`. Types with the same memory layout may share one
/// descriptor (every `Array` of single references, whatever the element class).
package struct TypeDescriptor: Sendable, Hashable {
    package enum Kind: UInt8, Sendable, Hashable {
        case string
        /// A class instance: `slots` are its fields (ancestors' first).
        case instance
        /// A heap cell for a captured, mutated variable: `slots` is the variable's value.
        case box
        /// A closure: `slots` are its captured values (after the code pointer words).
        case closure
        /// An `Array`: `slots` describes one element.
        case array
        /// A `Dictionary`: `slots` describes one value; `keyIsString` the key.
        case dictionary
    }

    /// What one 8-byte payload slot holds.
    package enum Slot: UInt8, Sendable, Hashable {
        case scalar
        /// A counted reference (or null): released when the object is freed.
        case strong
        /// A weak reference (or null): adjusts the target's weak count only.
        case weak
    }

    package var kind: Kind
    /// The name in messages (`cannot cast Cat to Dog`) and dumps.
    package var name: String
    package var slots: [Slot]
    /// Arrays of `bool` store one byte per element.
    package var byteElements: Bool
    /// Dictionaries: keys are strings (else ints: `int`, `bool` and enum keys).
    package var keyIsString: Bool
    /// Instances: the superclass's type index.
    package var superclass: Int?
    /// Instances: function index of each virtual method slot.
    package var vtable: [Int]
    /// Instances: for each trait (by trait number) the class implements, the function
    /// index of each trait method, in the trait's order.
    package var traitTables: [Int: [Int]]
    /// Closures: the function the closure runs (its parameter 0 is the closure).
    package var function: Int?

    package init(kind: Kind, name: String, slots: [Slot] = [], byteElements: Bool = false, keyIsString: Bool = false,
                 superclass: Int? = nil, vtable: [Int] = [], traitTables: [Int: [Int]] = [:], function: Int? = nil) {
        self.kind = kind
        self.name = name
        self.slots = slots
        self.byteElements = byteElements
        self.keyIsString = keyIsString
        self.superclass = superclass
        self.vtable = vtable
        self.traitTables = traitTables
        self.function = function
    }

    package static let string = TypeDescriptor(kind: .string, name: "string")
}
