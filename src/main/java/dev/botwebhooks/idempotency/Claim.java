package dev.botwebhooks.idempotency;

import dev.botwebhooks.run.Answer;

import java.util.UUID;

/** A claim on a delivery id, as {@link IdempotencyStore#claim} found it. */
sealed interface Claim {

    /** This delivery runs the script; {@code token} proves the claim when storing or releasing it. */
    record Won(UUID token) implements Claim {
    }

    /** An earlier delivery's answer. */
    record Stored(Answer answer) implements Claim {
    }

    /** Another delivery is running right now. */
    record Busy() implements Claim {
    }
}
