package org.conditionalfeed.store;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.transaction.DelegatingTransactionHandler;
import org.jdbi.v3.core.transaction.TransactionException;
import org.jdbi.v3.core.transaction.TransactionHandler;

/**
 * Jdbi's transactions, with every commit forced to stable storage before it returns (see
 * {@link GroupCommit}): a repository's write returns, and is answered, only once it would survive
 * a power cut. For databases whose own commit is durable (PostgreSQL) it is not used.
 *
 * <p>Thread-safe; Jdbi specializes one instance per handle.
 */
final class DurableTransactions extends DelegatingTransactionHandler {

    private final GroupCommit groupCommit;
    private final Runnable inDoubt;

    /**
     * @param inDoubt called when a commit or its force fails: the transaction may be on disk or
     *     not, so whatever a caller keeps in memory about the database must be read again
     */
    DurableTransactions(TransactionHandler delegate, GroupCommit groupCommit, Runnable inDoubt) {
        super(delegate);
        this.groupCommit = groupCommit;
        this.inDoubt = inDoubt;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new DurableTransactions(getDelegate().specialize(handle), groupCommit, inDoubt);
    }

    @Override
    public void commit(Handle handle) {
        try {
            super.commit(handle);
        } catch (RuntimeException e) {
            inDoubt.run();
            throw e;
        }
        try {
            groupCommit.awaitForced(handle.getConnection());
        } catch (SQLException | RuntimeException e) {
            inDoubt.run();
            throw new TransactionException("committed, but could not force the commit to disk", e);
        }
    }
}
