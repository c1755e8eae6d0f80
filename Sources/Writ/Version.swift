/// The version of Writ for Swift, printed by `writ --version`.
public enum WritVersion {
    public static let string = "0.1.0"
}
