using Marketplace.Domain.Fairs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class FairDayConfiguration : IEntityTypeConfiguration<FairDay>
{
    public void Configure(EntityTypeBuilder<FairDay> builder)
    {
        // The identity of a fair day: the recurring job can never create it twice.
        builder.HasIndex(d => new { d.FairSeriesId, d.OccurrenceDate }).IsUnique();
        builder.HasIndex(d => new { d.StartsAtUtc, d.Status });
        builder.HasIndex(d => new { d.VenueId, d.Date });
        builder.Property(d => d.StatusReason).HasMaxLength(500);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne(d => d.FairSeries).WithMany()
            .HasForeignKey(d => d.FairSeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Venue).WithMany()
            .HasForeignKey(d => d.VenueId).OnDelete(DeleteBehavior.Restrict);
    }
}
