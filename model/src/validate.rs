//! Semantic validation of a loaded model, collecting every problem.

use crate::{Model, Problem, ShapeBody};

pub(crate) fn validate(model: &Model) -> Vec<Problem> {
    let mut problems = Vec::new();
    for shape in model.shapes() {
        for (t, message) in shape.traits.problems() {
            problems.push(Problem::shape(&shape.id, format!("trait {t}: {message}")));
        }
        if let ShapeBody::Members(members) = &shape.body {
            for m in members {
                if model.shape(&m.target).is_none() {
                    problems.push(Problem::member(
                        &shape.id,
                        &m.name,
                        format!("targets `{}`, which is not defined", m.target),
                    ));
                }
                for (t, message) in m.traits.problems() {
                    problems.push(Problem::member(
                        &shape.id,
                        &m.name,
                        format!("trait {t}: {message}"),
                    ));
                }
            }
        }
    }
    problems
}
