using Marketplace.Domain.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class SeriesMembershipConfiguration : IEntityTypeConfiguration<SeriesMembership>
{
    public void Configure(EntityTypeBuilder<SeriesMembership> builder)
    {
        builder.HasIndex(m => new { m.FairSeriesId, m.ProducerId }).IsUnique();
        builder.Property(m => m.DecisionReason).HasMaxLength(500);
        builder.HasOne(m => m.FairSeries).WithMany()
            .HasForeignKey(m => m.FairSeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(m => m.Producer).WithMany()
            .HasForeignKey(m => m.ProducerId).OnDelete(DeleteBehavior.Restrict);
    }
}
