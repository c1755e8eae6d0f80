/// What the embedding host lets scripts use (design.md §7): functions, globals and
/// opaque object types, with their Writ signatures. The checker treats them as names
/// predeclared at the top level of every module (a script declaration with the same
/// name shadows them, and they shadow the standard library). An index into each array
/// is the host entity's ID in the typed AST.
package struct HostDeclarations: Sendable {
    package struct Function: Sendable {
        package var name: String
        package var parameterTypes: [WType]
        package var resultType: WType
        package init(name: String, parameterTypes: [WType], resultType: WType) {
            self.name = name
            self.parameterTypes = parameterTypes
            self.resultType = resultType
        }
    }

    package struct Global: Sendable {
        package var name: String
        package var type: WType
        /// Scripts may assign it.
        package var isMutable: Bool
        package init(name: String, type: WType, isMutable: Bool) {
            self.name = name
            self.type = type
            self.isMutable = isMutable
        }
    }

    /// A host-owned object type: values are generational handles (`WType.hostType`),
    /// compared by identity, printed as `<Name>`.
    package struct HostType: Sendable {
        package var name: String
        package init(name: String) { self.name = name }
    }

    package private(set) var functions: [Function] = []
    package private(set) var globals: [Global] = []
    package private(set) var types: [HostType] = []

    package init() {}

    /// Registers a host type; use the returned `WType` in function signatures.
    @discardableResult
    package mutating func addType(_ name: String) -> WType {
        types.append(HostType(name: name))
        return .hostType(HostTypeID(types.count - 1))
    }

    @discardableResult
    package mutating func addFunction(_ name: String, _ parameterTypes: [WType], _ resultType: WType) -> HostFunctionID {
        functions.append(Function(name: name, parameterTypes: parameterTypes, resultType: resultType))
        return HostFunctionID(functions.count - 1)
    }

    @discardableResult
    package mutating func addGlobal(_ name: String, _ type: WType, isMutable: Bool = false) -> HostGlobalID {
        globals.append(Global(name: name, type: type, isMutable: isMutable))
        return HostGlobalID(globals.count - 1)
    }
}
