import ArgumentParser

/// A module's commands, as its CLI folder (named like the module in every layer) declares them.
struct CLIModule {
    let name: String
    let commands: [any ParsableCommand.Type]
}

extension CLIModule {
    /// Every module's commands, in the order of `Gestio.modules`; `gestio --help` lists them so.
    /// Adding a module with commands is one line here (and its `CLIModule` in its folder).
    static let all: [CLIModule] = [
        .platform, .identity, .coOwnership, .finance, .maintenance, .dispatch, .documents, .governance,
        .financeOperations, .legalFile, .community, .construction, .inspection,
    ]
}
