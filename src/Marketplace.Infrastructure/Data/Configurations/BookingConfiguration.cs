using Marketplace.Domain.Bookings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    /// <summary>
    /// The filter of the one-holder-per-stall index. Bracket quoting is understood by both
    /// SQL Server and SQLite, so one model serves both providers' migrations.
    /// </summary>
    public static readonly string HoldingFilter =
        "[StallId] IS NOT NULL AND [Status] IN ("
        + string.Join(", ", Booking.HoldingStatuses.Select(s => $"'{s}'"))
        + ")";

    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.HasIndex(b => new { b.FairDayId, b.StallId })
            .IsUnique()
            .HasFilter(HoldingFilter)
            .HasDatabaseName("UX_Bookings_FairDay_Stall_Holding");
        // A producer never holds two offers for one fair day, and waitlist positions never repeat.
        builder.HasIndex(b => new { b.FairDayId, b.ProducerId })
            .IsUnique()
            .HasFilter("[Status] = 'Offered'")
            .HasDatabaseName("UX_Bookings_FairDay_Producer_Offer");
        builder.HasIndex(b => new { b.FairDayId, b.WaitlistPosition })
            .IsUnique()
            .HasFilter("[WaitlistPosition] IS NOT NULL")
            .HasDatabaseName("UX_Bookings_FairDay_WaitlistPosition");
        // "At most N bookings per producer and day" as a unique slot: no index can count, but one can refuse a repeat.
        builder.HasIndex(b => new { b.FairDayId, b.ProducerId, b.ProducerSlot })
            .IsUnique()
            .HasFilter("[ProducerSlot] IS NOT NULL")
            .HasDatabaseName("UX_Bookings_FairDay_Producer_Slot");
        builder.HasIndex(b => new { b.ProducerId, b.FairDayId });
        builder.HasIndex(b => new { b.Status, b.OfferExpiresAtUtc });
        builder.HasMany(b => b.Items).WithOne()
            .HasForeignKey(i => i.BookingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.FairDayId, b.Status });
        builder.Property(b => b.Version).IsConcurrencyToken();
        builder.Ignore(b => b.HoldsStall);
        builder.Ignore(b => b.IsFeeSettled);
        builder.Property(b => b.FeeReceiptNumber).HasMaxLength(Booking.MaxReceiptNumberLength);
        builder.HasOne(b => b.FairDay).WithMany()
            .HasForeignKey(b => b.FairDayId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(b => b.Producer).WithMany()
            .HasForeignKey(b => b.ProducerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(b => b.Stall).WithMany()
            .HasForeignKey(b => b.StallId).OnDelete(DeleteBehavior.Restrict);
    }
}
