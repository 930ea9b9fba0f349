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

    DurableTransactions(TransactionHandler delegate, GroupCommit groupCommit) {
        super(delegate);
        this.groupCommit = groupCommit;
    }

    @Override
    public TransactionHandler specialize(Handle handle) throws SQLException {
        return new DurableTransactions(getDelegate().specialize(handle), groupCommit);
    }

    @Override
    public void commit(Handle handle) {
        super.commit(handle);
        try {
            groupCommit.awaitForced(handle.getConnection());
        } catch (SQLException e) {
            throw new TransactionException("committed, but could not force the commit to disk", e);
        }
    }
}
