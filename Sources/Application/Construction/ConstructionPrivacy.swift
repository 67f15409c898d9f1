import Domain

extension PrivacyDeclaration {
    public static let construction = PrivacyDeclaration(
        module: "Construction",
        processing: [
            ProcessingRecord(
                data: "who takes part in which construction project, with which role and trades",
                purpose: "deciding what each participant of a project sees and may do in it",
                legalBasis: "performance of the contracts between the project's parties (Art. 6(1)(b))",
                retention: "while the person takes part in the project; deleted on erasure"),
            ProcessingRecord(
                data: "the project's client (name and contact), who created the project, who is assigned or "
                    + "validated its tasks",
                purpose: "running the project: its planning, its acceptance and any dispute over the works",
                legalBasis: "performance of the construction contract (Art. 6(1)(b)); legitimate interest in "
                    + "keeping the record of the works (Art. 6(1)(f))",
                retention: "kept with the project's records for the ten-year liability period after acceptance"),
        ])
}
