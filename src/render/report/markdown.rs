pub fn render(_s: &accord_projections::snapshot::StageSnapshot) -> String { String::new() }
