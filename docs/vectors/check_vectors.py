#!/usr/bin/env python3
"""Recomputes every Sotto test vector from its inputs with a generic crypto library.

An independent implementation of docs/protocol.md, written from the document rather than from the
Java code: if it agrees with the JSON files, the document says enough to reimplement Sotto.
Needs Python 3.9+ and `cryptography` >= 44 (for deterministic ECDSA). Run from anywhere:

    python3 docs/vectors/check_vectors.py
"""
import hashlib
import hmac
import json
import pathlib
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF, HKDFExpand

HERE = pathlib.Path(__file__).resolve().parent
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def load(name):
    return json.loads((HERE / name).read_text())


def h(s):
    return bytes.fromhex(s)


def x25519_public(priv):
    return X25519PrivateKey.from_private_bytes(priv).public_key().public_bytes_raw()


def x25519(priv, pub):
    out = X25519PrivateKey.from_private_bytes(priv).exchange(X25519PublicKey.from_public_bytes(pub))
    assert out != bytes(32), "all-zero shared secret must be rejected"
    return out


def hkdf(ikm, salt, info, n):
    return HKDF(hashes.SHA256(), n, salt, info).derive(ikm)


def hkdf_expand(prk, info, n):
    return HKDFExpand(hashes.SHA256(), n, info).derive(prk)


def mac(key, data):
    return hmac.new(key, data, hashlib.sha256).digest()


def cbc_encrypt(key, iv, data):
    e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return e.update(data) + e.finalize()


def cbc_decrypt(key, iv, data):
    d = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return d.update(data) + d.finalize()


def ecdsa_public(priv):
    key = ec.derive_private_key(int.from_bytes(priv, "big"), ec.SECP256R1())
    n = key.public_key().public_numbers()
    return b"\x04" + n.x.to_bytes(32, "big") + n.y.to_bytes(32, "big")


def ecdsa_sign(priv, data):
    key = ec.derive_private_key(int.from_bytes(priv, "big"), ec.SECP256R1())
    der = key.sign(data, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    r, s = utils.decode_dss_signature(der)  # s is NOT normalised to the low half
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def ecdsa_verify(pub, data, sig):
    assert len(pub) == 65 and pub[0] == 4
    key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), pub)
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    key.verify(utils.encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))


def verifies(pub, data, sig):
    try:
        ecdsa_verify(pub, data, sig)
        return True
    except Exception:
        return False


def u64(n):
    return struct.pack(">Q", n)


def check(cond, what):
    if not cond:
        sys.exit("MISMATCH: " + what)


def sealed_message():
    v = load("sealed-message.json")
    a, b = v["alice"], v["bob"]
    for p in (a, b):
        check(x25519_public(h(p["dh_private"])) == h(p["dh_public"]), "dh_public")
        check(ecdsa_public(h(p["signing_private"])) == h(p["signing_public"]), "signing_public")
    shared = x25519(h(a["dh_private"]), h(b["dh_public"]))
    check(shared == x25519(h(b["dh_private"]), h(a["dh_public"])), "DH symmetric")
    check(shared == h(v["shared_secret"]), "shared_secret")
    pubs = sorted([h(a["dh_public"]), h(b["dh_public"])])
    # v3: the call's secret is in the root (alice's ephemeral key with bob's dialing key, both
    # erased later), so stolen identity keys cannot derive it; the start round is in it too
    call = v["call"]
    call_dh = x25519(h(call["caller_ephemeral_private"]), h(call["callee_dialing_public"]))
    check(call_dh == x25519(h(call["callee_dialing_private"]),
                            h(call["caller_ephemeral_public"])), "call DH symmetric")
    call_secret = hkdf(call_dh, h(call["caller_ephemeral_public"]) + h(call["callee_dialing_public"]),
                       b"sotto/v3/call-secret", 32)
    check(call_secret == h(call["call_secret"]), "call_secret")
    check(shared + call_secret == h(v["root_ikm"]), "root_ikm")
    chain = hkdf(shared + call_secret, pubs[0] + pubs[1],
                 b"sotto/v3/conversation-root" + u64(v["start_round"]), 32)
    check(chain == h(v["root_chain_key"]), "root_chain_key")
    for i, expected in enumerate(v["chain_keys"]):
        if i > 0:
            chain = mac(chain, b"sotto/v1/ratchet-step")
        check(chain == h(expected), "chain_keys[%d]" % i)
    rnd = v["round"]
    check(rnd == v["start_round"] + len(v["chain_keys"]) - 1, "round")
    dead_drop = mac(chain, b"sotto/v1/dead-drop-id" + u64(rnd))[:16]
    check(dead_drop == h(v["dead_drop_id"]), "dead_drop_id")
    keys, contexts = {}, {}
    for direction, sender in (("alice_to_bob", a), ("bob_to_alice", b)):
        # v2: the round is in the keys; the signature binds dead-drop ID (round and conversation)
        # and the sender's key (direction)
        okm = hkdf_expand(chain, b"sotto/v2/message-keys" + u64(rnd) + h(sender["dh_public"]), 64)
        k = v["message_keys"][direction]
        check(okm == h(k["encryption_key"]) + h(k["mac_key"]), direction)
        keys[direction] = okm
        contexts[direction] = b"sotto/v2/message-signature" + dead_drop + h(sender["dh_public"])
        check(contexts[direction] == h(k["signature_context"]), direction + " signature_context")
    for m in v["messages"]:
        sender = a if m["sender"] == "alice" else b
        direction = "alice_to_bob" if m["sender"] == "alice" else "bob_to_alice"
        enc_mac = keys[direction]
        hd = m["header"]
        body = h(m["body"])
        header = struct.pack(">IIHHI", hd["sequence"], hd["acknowledgement"], hd["flags"],
                             len(body), 0)
        check(header == h(m["header_bytes"]), "header_bytes")
        signed = header + body + bytes(240 - len(body))
        sig = ecdsa_sign(h(sender["signing_private"]), contexts[direction] + signed)
        check(sig == h(m["signature"]), "signature")
        ecdsa_verify(h(sender["signing_public"]), contexts[direction] + signed, sig)
        plain = signed + sig
        check(plain == h(m["plaintext"]), "plaintext")
        iv = h(m["iv"])
        ct = cbc_encrypt(enc_mac[:32], iv, plain)
        sealed = iv + ct + mac(enc_mac[32:], iv + ct)
        check(sealed == h(m["sealed"]), "sealed (%s)" % m["sender"])
        check(dead_drop + sealed == h(m["exchange_request"]), "exchange_request")
        # and back
        check(cbc_decrypt(enc_mac[:32], sealed[:16], sealed[16:336]) == plain, "decrypt")
    print("sealed-message.json: ok")


def layer_secrets(node, eph_priv, eph_pub, mix_pub, rnd):
    shared = x25519(eph_priv, mix_pub)
    check(shared == h(node["shared_secret"]), "layer shared_secret")
    okm = hkdf(shared, u64(rnd) + eph_pub + mix_pub, b"sotto/v1/onion-layer", 160)
    check(okm == h(node["okm"]), "okm")
    names = ["layer_enc_key", "layer_mac_key", "layer_iv", "reply_enc_key", "reply_mac_key",
             "reply_iv"]
    cuts = [0, 32, 64, 80, 112, 144, 160]
    for name, lo, hi in zip(names, cuts, cuts[1:]):
        check(okm[lo:hi] == h(node[name]), name)
    return okm


def wrap_layer(okm, eph_pub, inner):
    ct = cbc_encrypt(okm[0:32], okm[64:80], inner)
    return eph_pub + ct + mac(okm[32:64], ct)


def reply_layer(okm, reply):
    ct = cbc_encrypt(okm[80:112], okm[144:160], reply)
    return ct + mac(okm[112:144], ct)


def onion_layer():
    v = load("onion-layer.json")
    mix, eph = v["mix_round_key"], v["ephemeral"]
    check(x25519_public(h(mix["private"])) == h(mix["public"]), "mix public")
    check(x25519_public(h(eph["private"])) == h(eph["public"]), "ephemeral public")
    okm = layer_secrets(v, h(eph["private"]), h(eph["public"]), h(mix["public"]), v["round"])
    check(wrap_layer(okm, h(eph["public"]), h(v["input"])) == h(v["layer"]), "layer")
    # the mix's side: same keys from its private key and the ephemeral in the layer
    layer = h(v["layer"])
    check(x25519(h(mix["private"]), layer[:32]) == h(v["shared_secret"]), "mix-side DH")
    check(mac(okm[32:64], layer[32:-32]) == layer[-32:], "layer tag")
    check(cbc_decrypt(okm[0:32], okm[64:80], layer[32:-32]) == h(v["input"]), "peel")
    print("onion-layer.json: ok")


def string(s):
    b = s.encode("utf-8")
    return struct.pack(">H", len(b)) + b


def cluster_id(c):
    # docs/protocol.md section 9: the canonical encoding of the parameters a cluster id covers
    enc = b"sotto/v2/cluster-id" + string(c["name"]) + struct.pack(">I", len(c["mixes"]))
    for m in c["mixes"]:
        enc += string(m["name"]) + string(m["signing_key"].lower())
    enc += u64(c["round_interval_ms"]) + struct.pack(">I", c["slots_per_round"])
    enc += struct.pack(">dd", c["noise_mu"], c["noise_b"])
    enc += u64(c["dialing_round_interval_ms"])
    enc += struct.pack(">II", c["users_per_bucket"], c["max_buckets"])
    enc += struct.pack(">dd", c["dialing_noise_mu"], c["dialing_noise_b"])
    check(enc == h(c["canonical_bytes"]), "cluster canonical_bytes")
    cid = hashlib.sha256(enc).digest()
    check(cid == h(c["cluster_id"]), "cluster_id")
    return cid


def onion_3_layer():
    v = load("onion-3-layer.json")
    rnd = v["round"]
    cid = cluster_id(v["cluster"])
    okms = []
    for i, (m, e, p) in enumerate(zip(v["mixes"], v["ephemerals"], v["peels"])):
        check(x25519_public(h(m["round_private"])) == h(m["round_public"]), "mix round key")
        check(ecdsa_public(h(m["signing_private"])) == h(m["signing_public"]), "mix signing key")
        # positions are 0-based: mix 1 is position 0
        check(m["position"] == i and p["position"] == i, "position of mix %d" % (i + 1))
        check(h(m["signing_public"]).hex() == v["cluster"]["mixes"][i]["signing_key"],
              "mix %d signing key in the cluster" % (i + 1))
        # conversation rounds sign bucket count 0
        signed = (b"sotto/v2/round-key" + cid + u64(rnd) + struct.pack(">II", 0, i)
                  + h(m["round_public"]))
        check(signed == h(m["round_key_signed_bytes"]), "round_key_signed_bytes")
        check(ecdsa_sign(h(m["signing_private"]), signed) == h(m["round_key_signature"]),
              "round_key_signature")
        ecdsa_verify(h(m["signing_public"]), signed, h(m["round_key_signature"]))
        dialing = (b"sotto/v2/dialing-round-key" + cid + u64(v["dialing_round"])
                   + struct.pack(">II", v["bucket_count"], i) + h(m["round_public"]))
        check(dialing == h(m["dialing_round_key_signed_bytes"]), "dialing_round_key_signed_bytes")
        check(ecdsa_sign(h(m["signing_private"]), dialing)
              == h(m["dialing_round_key_signature"]), "dialing_round_key_signature")
        tampered = (b"sotto/v2/dialing-round-key" + cid + u64(v["dialing_round"])
                    + struct.pack(">II", v["bucket_count"] + 1, i) + h(m["round_public"]))
        try:
            ecdsa_verify(h(m["signing_public"]), tampered, h(m["dialing_round_key_signature"]))
            check(False, "a changed bucket count must not verify")
        except InvalidSignature:
            pass
        okms.append(layer_secrets(p, h(e["private"]), h(e["public"]), h(m["round_public"]), rnd))
    onion = h(v["exchange_request"])
    for i in reversed(range(3)):
        check(onion == h(v["peels"][i]["inner"]), "inner after mix %d" % (i + 1))
        onion = wrap_layer(okms[i], h(v["ephemerals"][i]["public"]), onion)
    check(onion == h(v["onion"]), "onion")
    print("onion-3-layer.json: ok")
    return okms


def reply(okms):
    v = load("reply.json")
    r = h(v["answer"])
    check([l["position"] for l in v["layers"]] == [2, 1, 0], "reply layer order")
    for layer in v["layers"]:
        okm = okms[layer["position"]]
        check(len(r) == layer["input_length"], "input_length")
        r = reply_layer(okm, r)
        check(r == h(layer["output"]), "reply after position %d" % layer["position"])
    check(r == h(v["delivered"]), "delivered")
    check(h(v["answer"]) == h(load("sealed-message.json")["messages"][1]["sealed"]), "answer")
    print("reply.json: ok")


def dialing():
    # docs/protocol.md section 14: invitation (14.2), sealing (14.3), bucket (14.4), request and
    # dialing onion (14.5), with the keys of sealed-message.json and the mixes of onion-3-layer
    v = load("dialing.json")
    people = load("sealed-message.json")
    alice, bob = people["alice"], people["bob"]
    d, m = v["dialing_round"], v["bucket_count"]
    plain = h(v["plaintext"])
    name = b"alice"
    check(plain[0] == len(name) and plain[1:1 + len(name)] == name
          and plain[1 + len(name):33] == bytes(32 - len(name)), "name field")
    check(plain[33:98] == h(alice["signing_public"]), "callerSigPub")
    check(plain[98:130] == h(alice["dh_public"]), "callerDhPub")
    check(struct.unpack(">Q", plain[130:138])[0] == v["start_round"], "startRound")
    check(plain[138:144] == bytes(6), "reserved")
    # 14.8: bob's dialing key of the epoch, signed with his identity key; the box is sealed to it
    key = v["callee_dialing_key"]
    dial_pub = h(key["public"])
    check(x25519_public(h(key["private"])) == dial_pub, "dialing key public")
    key_signed = b"sotto/v3/dialing-key" + bytes([3]) + b"bob" + u64(key["epoch"]) + dial_pub
    check(key_signed == h(key["signed_bytes"]), "dialing key signed_bytes")
    check(ecdsa_sign(h(bob["signing_private"]), key_signed) == h(key["signature"]),
          "dialing key signature")
    check(verifies(h(bob["signing_public"]), key_signed, h(key["signature"])),
          "dialing key verifies")
    check(not verifies(h(bob["signing_public"]), b"sotto/v3/dialing-key" + bytes([3]) + b"bob"
                           + u64(key["epoch"] + 1) + dial_pub, h(key["signature"])),
          "dialing key does not verify for another epoch")
    signed = b"sotto/v1/invitation-signature" + u64(d) + dial_pub + plain[:144]
    check(signed == h(v["signed_bytes"]), "signed_bytes")
    sig = ecdsa_sign(h(alice["signing_private"]), signed)
    check(sig == h(v["signature"]) == plain[144:], "signature")
    eph_pub = x25519_public(h(v["ephemeral_private"]))
    check(eph_pub == h(v["ephemeral_public"]), "ephemeral_public")
    shared = x25519(h(v["ephemeral_private"]), dial_pub)
    check(shared == x25519(h(key["private"]), eph_pub) == h(v["shared_secret"]), "box DH")
    call_secret = hkdf(shared, eph_pub + dial_pub, b"sotto/v3/call-secret", 32)
    check(call_secret == h(key["call_secret"]) == h(people["call"]["call_secret"]),
          "the call secret is the one the conversation started from")
    salt = u64(d) + eph_pub + dial_pub
    okm = hkdf(shared, salt, b"sotto/v1/invitation-box", 80)
    check(okm == h(v["okm"]), "box okm")
    ct = cbc_encrypt(okm[0:32], okm[64:80], plain)
    sealed = eph_pub + ct + mac(okm[32:64], ct)
    check(sealed == h(v["sealed_invitation"]), "sealed_invitation")
    check(cbc_decrypt(okm[0:32], okm[64:80], sealed[32:240]) == plain, "box opens")
    digest = hashlib.sha256(b"sotto/v1/dialing-bucket" + b"bob").digest()
    check(digest == h(v["bucket_hash"]), "bucket_hash")
    bucket = struct.unpack(">Q", digest[:8])[0] % m
    check(bucket == v["bucket"], "bucket")
    request = struct.pack(">I", bucket) + bytes(12) + sealed
    check(request == h(v["dialing_request"]), "dialing_request")
    onion = request
    mixes = load("onion-3-layer.json")["mixes"]
    for i in reversed(range(3)):
        e = v["layer_ephemerals"][i]
        mix_pub = h(mixes[i]["round_public"])
        layer_okm = hkdf(x25519(h(e["private"]), mix_pub), u64(d) + h(e["public"]) + mix_pub,
                         b"sotto/v1/dialing-layer", 160)
        onion = wrap_layer(layer_okm, h(e["public"]), onion)
    check(len(onion) == 288 + 64 * 3 and onion == h(v["onion"]), "dialing onion")
    print("dialing.json: ok")


if __name__ == "__main__":
    sealed_message()
    onion_layer()
    reply(onion_3_layer())
    dialing()
