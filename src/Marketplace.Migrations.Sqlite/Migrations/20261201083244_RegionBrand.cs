using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Marketplace.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegionBrand : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "LogoFileId",
                table: "Regions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Regions_LogoFileId",
                table: "Regions",
                column: "LogoFileId");

            migrationBuilder.AddForeignKey(
                name: "FK_Regions_StoredFiles_LogoFileId",
                table: "Regions",
                column: "LogoFileId",
                principalTable: "StoredFiles",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Regions_StoredFiles_LogoFileId",
                table: "Regions");

            migrationBuilder.DropIndex(
                name: "IX_Regions_LogoFileId",
                table: "Regions");

            migrationBuilder.DropColumn(
                name: "LogoFileId",
                table: "Regions");
        }
    }
}
