import WritSyntax

/// Accessors for the entity tables, hiding the split between real and scratch entities.
extension Checker {
    func isScratch(_ id: ClassID) -> Bool { id.index >= Self.scratchBase }
    func isScratch(_ id: StructID) -> Bool { id.index >= Self.scratchBase }
    func isScratch(_ id: FunctionID) -> Bool { id.index >= Self.scratchBase }

    func cls(_ id: ClassID) -> TypeState {
        id.index >= Self.scratchBase ? scratchClasses[id.index - Self.scratchBase] : classes[id.index]
    }
    func modifyClass(_ id: ClassID, _ body: (inout TypeState) -> Void) {
        if id.index >= Self.scratchBase { body(&scratchClasses[id.index - Self.scratchBase]) } else { body(&classes[id.index]) }
    }
    func strct(_ id: StructID) -> TypeState {
        id.index >= Self.scratchBase ? scratchStructs[id.index - Self.scratchBase] : structs[id.index]
    }
    func modifyStruct(_ id: StructID, _ body: (inout TypeState) -> Void) {
        if id.index >= Self.scratchBase { body(&scratchStructs[id.index - Self.scratchBase]) } else { body(&structs[id.index]) }
    }
    func nominal(_ ref: TypeContextRef) -> TypeState? {
        switch ref {
        case .classRef(let id): cls(id)
        case .structRef(let id): strct(id)
        default: nil
        }
    }
    func modifyNominal(_ ref: TypeContextRef, _ body: (inout TypeState) -> Void) {
        switch ref {
        case .classRef(let id): modifyClass(id, body)
        case .structRef(let id): modifyStruct(id, body)
        default: break
        }
    }
    func fn(_ id: FunctionID) -> FunctionState {
        id.index >= Self.scratchBase ? scratchFunctions[id.index - Self.scratchBase] : functions[id.index]
    }
    func modifyFunction(_ id: FunctionID, _ body: (inout FunctionState) -> Void) {
        if id.index >= Self.scratchBase { body(&scratchFunctions[id.index - Self.scratchBase]) } else { body(&functions[id.index]) }
    }

    /// Creates a function entry; its body (if any) is checked later from `pending`.
    func newFunction(name: String, displayName: String, kind: FunctionKind, signature: Signature, module: ModuleID,
                     range: SourceRange, declaringType: DeclaringType?, parent: FunctionID?, scratch: Bool,
                     pending: PendingBody?, isCoroutine: Bool = false, typeArguments: [WType] = [],
                     template: TemplateID? = nil) -> FunctionID {
        let id = FunctionID(scratch ? Self.scratchBase + scratchFunctions.count : functions.count)
        let typed = TypedFunction(
            id: id, displayName: displayName, name: name, kind: kind, parameters: [], parameterTypes: signature.parameterTypes,
            resultType: signature.result, isVariadic: signature.isVariadic, isCoroutine: isCoroutine, body: [], locals: [],
            captures: [], parent: parent, declaringType: declaringType, module: module, range: range,
            typeArguments: typeArguments)
        let state = FunctionState(typed: typed, signature: signature, pending: pending, template: template)
        if scratch { scratchFunctions.append(state) } else { functions.append(state) }
        if !scratch, pending != nil { worklist.append(id) }
        return id
    }

    func typeContextName(_ ref: TypeContextRef) -> String {
        switch ref {
        case .classRef(let id): cls(id).name
        case .structRef(let id): strct(id).name
        case .enumRef(let id): enums[id.index].name
        case .traitRef(let id): traits[id.index].name
        }
    }

    func declaringType(_ ref: TypeContextRef) -> DeclaringType {
        switch ref {
        case .classRef(let id): .classType(id)
        case .structRef(let id): .structType(id)
        case .enumRef(let id): .enumType(id)
        case .traitRef(let id): .traitType(id)
        }
    }

    func selfType(of ref: TypeContextRef) -> WType {
        switch ref {
        case .classRef(let id): .classType(id)
        case .structRef(let id): .structType(id)
        case .enumRef(let id): .enumType(id)
        case .traitRef(let id): .traitType(id)
        }
    }

    func typeName(_ t: WType) -> String { t.name(self) }
}

extension Checker: TypeNaming {
    func className(_ id: ClassID) -> String { cls(id).displayName }
    func structName(_ id: StructID) -> String { strct(id).displayName }
    func enumName(_ id: EnumID) -> String { enums[id.index].name }
    func traitName(_ id: TraitID) -> String { traits[id.index].name }
    func hostTypeName(_ id: HostTypeID) -> String { host.types[id.index].name }
    func typeParameterName(_ id: TypeParameterID) -> String { typeParameters[id.index].name }
    func templateName(_ id: TemplateID) -> String { templates[id.index].name }
}
