using Marketplace.Domain.Producers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Marketplace.Infrastructure.Data.Configurations;

public class ProducerSearchTermConfiguration : IEntityTypeConfiguration<ProducerSearchTerm>
{
    public void Configure(EntityTypeBuilder<ProducerSearchTerm> builder)
    {
        // By producer (does this booked producer's name match?) and by term (which producers
        // does a typed word name?), each answered from an index alone.
        builder.HasKey(t => new { t.ProducerId, t.Term });
        builder.HasIndex(t => new { t.Term, t.ProducerId });
        builder.Property(t => t.Term).HasMaxLength(ProducerSearchTerm.MaxLength);
        builder.HasOne(t => t.Producer).WithMany()
            .HasForeignKey(t => t.ProducerId).OnDelete(DeleteBehavior.Cascade);
    }
}
