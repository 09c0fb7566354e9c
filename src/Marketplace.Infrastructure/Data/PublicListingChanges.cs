using System.Data.Common;
using Marketplace.Domain.Bookings;
using Marketplace.Domain.Certifications;
using Marketplace.Domain.Fairs;
using Marketplace.Domain.Producers;
using Marketplace.Domain.Regions;
using Marketplace.Domain.Venues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Marketplace.Infrastructure.Data;

/// <summary>Told when something the public fair listings show was saved (a fair day, its series, a booking, a badge, a brand…).</summary>
public interface IPublicListingObserver
{
    void Changed();
}

/// <summary>
/// Told when bookings (or what they bring) were saved: for what a node keeps about the coming
/// offers, which must not outlive a booking saved here, while the public pages may (a minute).
/// </summary>
public interface IBookingObserver
{
    void BookingsChanged();
}

/// <summary>
/// Watches saves for changes to what public pages show of fair days, and tells the observers
/// (the web node's output cache) once saved and again once the surrounding transaction commits,
/// so a page cached in between cannot outlive the commit.
/// </summary>
/// <remarks>
/// Bookings are left out on purpose: they are the one frequent write (a thousand in a minute
/// when a popular day opens), and evicting every public page on each of them left the listings
/// uncached exactly when residents look. A booking shows on public pages within the cache's
/// minute, the same bound other web nodes already have; what staff and producers change about
/// the days themselves (times, status, venues, badges, products) still evicts at once.
/// </remarks>
public sealed class PublicListingChanges(IEnumerable<IPublicListingObserver> observers,
    IEnumerable<IBookingObserver> bookingObservers)
    : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly IPublicListingObserver[] _observers = observers.ToArray();
    private readonly IBookingObserver[] _bookingObservers = bookingObservers.ToArray();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _booked = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _uncommittedBookings = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _changed = [];
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _uncommitted = [];

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
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Track(DbContext? context)
    {
        if (context is not null && _bookingObservers.Length > 0 && context.ChangeTracker.Entries()
                .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && e.Entity is Booking or BookingItem))
        {
            _booked.AddOrUpdate(context, context);
        }
        if (context is not null && _observers.Length > 0 && context.ChangeTracker.Entries()
                .Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                    && e.Entity is FairDay or Certification or ProducerProduct or Producer
                        or FairSeries or SeriesFee or FairSeriesStop or Venue or Stall or Municipality or Region))
        {
            _changed.AddOrUpdate(context, context);
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is not null && _booked.Remove(context))
        {
            NotifyBookings();
            if (context.Database.CurrentTransaction is not null)
            {
                _uncommittedBookings.AddOrUpdate(context, context);
            }
        }
        if (context is null || !_changed.Remove(context))
        {
            return;
        }
        Notify();
        if (context.Database.CurrentTransaction is not null)
        {
            _uncommitted.AddOrUpdate(context, context);
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _uncommittedBookings.Remove(context))
        {
            NotifyBookings();
        }
        if (context is not null && _uncommitted.Remove(context))
        {
            Notify();
        }
    }

    private void Notify()
    {
        foreach (var observer in _observers)
        {
            observer.Changed();
        }
    }

    private void NotifyBookings()
    {
        foreach (var observer in _bookingObservers)
        {
            observer.BookingsChanged();
        }
    }
}
