using System.Data.Common;
using Marketplace.Domain.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Infrastructure.Mail;

/// <summary>Starts a send run as soon as a commit that added outbox messages succeeds.</summary>
public interface IOutboxKick
{
    void Kick();
}

/// <summary>
/// Watches saves for new outbox messages and kicks the sender once they are committed: right
/// after SaveChanges when no explicit transaction is open, else when that transaction commits.
/// The recurring sweep still catches anything a kick misses.
/// </summary>
public sealed class OutboxKickInterceptor(IOutboxKick kick) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    // Weak keys: a context that is disposed without committing is simply forgotten.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _pending = [];

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Track(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Track(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        KickIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        KickIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        KickIfPending(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        KickIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        if (context.ChangeTracker.Entries<OutboxMessage>().Any(e => e.State == EntityState.Added))
        {
            _pending.AddOrUpdate(context, context);
        }
    }

    private void KickIfCommitted(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            KickIfPending(context);
        }
    }

    private void KickIfPending(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        if (_pending.Remove(context))
        {
            kick.Kick();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        _pending.Remove(context);
    }
}
