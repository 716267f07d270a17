"""Decision effects: what an adopted proposal changes (a body's constitution, a glossary batch,
objectives and indicators, an amendment or withdrawal of a published decision), applied only
by the decision that adopts it (see ``governance.effects.services``)."""
