import Domain

extension PrivacyDeclaration {
    public static let community = PrivacyDeclaration(
        module: "Community",
        processing: [
            ProcessingRecord(
                data: "which member occupies which lot (a tenant), from when to when, and who linked them",
                purpose: "letting the building's occupants use its notice board, skills, shared objects and bookings",
                legalBasis: "legitimate interest of the co-ownership in its residents' community (Art. 6(1)(f))",
                retention: "kept while the person occupies the lot, then as history; deleted on erasure"),
            ProcessingRecord(
                data: "notices a resident writes on the building's board (title, text, event date and place)",
                purpose: "telling the building's residents of events, works, lost items and offers",
                legalBasis: "consent of the author, who publishes (Art. 6(1)(a))",
                retention: "until the author deletes them or asks for erasure"),
            ProcessingRecord(
                data: "objects a resident lends, who borrowed them and when, and the credits that moved",
                purpose: "lending between neighbours: deposits, rentals and late returns in the building's credits",
                legalBasis: "consent of the residents, who lend and borrow (Art. 6(1)(a))",
                retention: "the credit history is never changed (a correction is a new transfer); on erasure the "
                    + "objects are deleted and the loans keep their ids only"),
            ProcessingRecord(
                data: "skills a resident offers (what, level, experience, certifications, rate, availability)",
                purpose: "letting neighbours find and ask each other for help",
                legalBasis: "consent of the resident, who offers the skill (Art. 6(1)(a))",
                retention: "until the resident removes the skill or asks for erasure"),
            ProcessingRecord(
                data:
                    "owners' answers to polls between assemblies (anonymous polls keep who voted apart from the ballots)",
                purpose: "consulting the owners between general assemblies; one answer per owner",
                legalBasis: "legitimate interest of the co-ownership (Art. 6(1)(f))",
                retention: "kept with the building's records; on erasure the ballot stays in the counts without "
                    + "its owner, and an open answer's words are blanked"),
        ])
}
