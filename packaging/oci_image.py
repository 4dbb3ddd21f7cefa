#!/usr/bin/env python3
"""Reads and completes the OCI image archive Jib writes (target/peerroom-image.tar).

  oci_image.py docker-manifest <image.tar>
      Adds a Docker manifest.json next to the OCI layout, as `docker save` does since Docker 25:
      the same blobs, readable by `docker load` with either image store (the classic one reads
      only manifest.json) and by tools that read OCI archives (skopeo, podman, containerd).
  oci_image.py unpack <image.tar> <rootfs> <config-dir>
      Follows index.json -> manifest -> layers, unpacks the layers in order into <rootfs> as a
      container runtime would, and writes the image's entrypoint and environment (NUL-separated),
      user and exposed ports into <config-dir>, for packaging/verify-image.sh.
"""
import io
import json
import os
import shutil
import sys
import tarfile

INDEX_MEDIA = "application/vnd.oci.image.index.v1+json"
MANIFEST_MEDIA = "application/vnd.oci.image.manifest.v1+json"


def fail(message):
    print(f"oci_image.py: {message}", file=sys.stderr)
    sys.exit(1)


def read_json(archive, name):
    member = archive.extractfile(name)
    if member is None:
        fail(f"{name} is missing from the archive")
    return json.load(member)


def blob_path(digest):
    algorithm, _, hex_digest = digest.partition(":")
    return f"blobs/{algorithm}/{hex_digest}"


def image_manifest(archive):
    """The one image of the archive: its manifest and its name (org.opencontainers.image.ref.name)."""
    index = read_json(archive, "index.json")
    manifests = index.get("manifests", [])
    if len(manifests) != 1 or manifests[0].get("mediaType") != MANIFEST_MEDIA:
        fail(f"expected one image manifest in index.json, found {manifests}")
    entry = manifests[0]
    return read_json(archive, blob_path(entry["digest"])), entry.get("annotations", {}).get(
        "org.opencontainers.image.ref.name")


def docker_manifest(tar_path):
    with tarfile.open(tar_path) as archive:
        if "manifest.json" in archive.getnames():
            return  # already there
        manifest, name = image_manifest(archive)
    entry = {"Config": blob_path(manifest["config"]["digest"]),
             "RepoTags": [name] if name else [],
             "Layers": [blob_path(layer["digest"]) for layer in manifest["layers"]]}
    data = json.dumps([entry], separators=(",", ":")).encode()
    info = tarfile.TarInfo("manifest.json")
    info.size, info.mtime, info.mode = len(data), 0, 0o644  # reproducible, like Jib's entries
    with tarfile.open(tar_path, "a") as archive:
        archive.addfile(info, io.BytesIO(data))


def unpack(tar_path, rootfs, config_dir):
    os.makedirs(rootfs, exist_ok=True)
    os.makedirs(config_dir, exist_ok=True)
    with tarfile.open(tar_path) as archive:
        manifest, _ = image_manifest(archive)
        config = read_json(archive, blob_path(manifest["config"]["digest"]))
        for layer in manifest["layers"]:
            with tarfile.open(fileobj=archive.extractfile(blob_path(layer["digest"])), mode="r:*") as files:
                apply_layer(files, rootfs)
    settings = config.get("config", {})
    write_list(os.path.join(config_dir, "entrypoint"), settings.get("Entrypoint") or [])
    write_list(os.path.join(config_dir, "cmd"), settings.get("Cmd") or [])
    write_list(os.path.join(config_dir, "env"), settings.get("Env") or [])
    with open(os.path.join(config_dir, "user"), "w") as out:
        out.write(settings.get("User", ""))
    with open(os.path.join(config_dir, "ports"), "w") as out:
        out.write(" ".join(sorted(settings.get("ExposedPorts", {}))))
    with open(os.path.join(config_dir, "labels.json"), "w") as out:
        json.dump(settings.get("Labels", {}), out, indent=2, sort_keys=True)


def apply_layer(files, rootfs):
    """Whiteouts delete what lower layers added; everything else is unpacked with its mode and owner."""
    members = []
    for member in files.getmembers():
        name = os.path.normpath(member.name.lstrip("/"))
        if name.startswith(".."):
            fail(f"layer entry {member.name} points outside the root")
        base = os.path.basename(name)
        if base == ".wh..wh..opq":
            target = os.path.join(rootfs, os.path.dirname(name))
            for child in os.listdir(target) if os.path.isdir(target) else []:
                remove(os.path.join(target, child))
        elif base.startswith(".wh."):
            remove(os.path.join(rootfs, os.path.dirname(name), base[len(".wh."):]))
        else:
            member.name = name
            members.append(member)
    files.extractall(rootfs, members=members, numeric_owner=True)


def remove(path):
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    elif os.path.lexists(path):
        os.remove(path)


def write_list(path, items):
    with open(path, "wb") as out:
        for item in items:
            out.write(item.encode() + b"\0")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "docker-manifest":
        docker_manifest(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "unpack":
        unpack(*sys.argv[2:])
    else:
        fail("usage: oci_image.py docker-manifest <image.tar> | unpack <image.tar> <rootfs> <config-dir>")
